/** The regions the briefing covers and the coordination spaces it lists (slide 8). */
import type { CoordinationSpaceSeed } from '../types.js';

/** The five regions the briefing covers. */
export const focusRegions = ['arequipa', 'cusco', 'puno', 'tacna', 'moquegua'];

/** "Arequipa, Cusco, Puno y Tacna, son regiones de alta incidencia del delito de trata de personas." */
export const highIncidence = { regions: ['arequipa', 'cusco', 'puno', 'tacna'], source: 'cases-2021-2023' };

const S8 = 'coordination-spaces-five-regions';

/** Slide 8, in the order the briefing lists them. */
export const coordinationSpaces: CoordinationSpaceSeed[] = [
  // Arequipa: "01 espacio de coordinación regional y 01 distrital en Cayma (provincia de Camaná)."
  { key: 'arequipa-regional', level: 'REGIONAL', region: 'arequipa', sourceText: '01 espacio de coordinación regional', source: S8 },
  {
    key: 'arequipa-cayma',
    level: 'DISTRICT',
    region: 'arequipa',
    province: 'Camaná',
    district: 'Cayma',
    sourceText: '01 distrital en Cayma (provincia de Camaná)',
    note: 'La fuente ubica Cayma en la provincia de Camaná; en la geografía oficial Cayma es un distrito de la provincia de Arequipa.',
    noteEn: 'The source places Cayma in Camaná province; in official geography Cayma is a district of Arequipa province.',
    source: S8,
  },
  // Cusco: "01 espacio de coordinación regional, 05 provinciales en Cusco, La Convención, Paruro,
  // Quispicanchi y Urcos, 02 distritales en Catta (Quispicanchi) Y Pitumarca (Canchis)."
  { key: 'cusco-regional', level: 'REGIONAL', region: 'cusco', sourceText: '01 espacio de coordinación regional', source: S8 },
  { key: 'cusco-cusco', level: 'PROVINCIAL', region: 'cusco', province: 'Cusco', sourceText: '05 provinciales en Cusco, …', source: S8 },
  { key: 'cusco-la-convencion', level: 'PROVINCIAL', region: 'cusco', province: 'La Convención', sourceText: '05 provinciales en …, La Convención, …', source: S8 },
  { key: 'cusco-paruro', level: 'PROVINCIAL', region: 'cusco', province: 'Paruro', sourceText: '05 provinciales en …, Paruro, …', source: S8 },
  { key: 'cusco-quispicanchi', level: 'PROVINCIAL', region: 'cusco', province: 'Quispicanchi', sourceText: '05 provinciales en …, Quispicanchi y …', source: S8 },
  {
    key: 'cusco-urcos',
    level: 'PROVINCIAL',
    region: 'cusco',
    province: 'Urcos',
    sourceText: '05 provinciales en … y Urcos',
    note: 'La fuente lista Urcos como un espacio provincial propio; en la geografía oficial Urcos es la capital de la provincia de Quispicanchi, que la fuente también lista.',
    noteEn: 'The source lists Urcos as a provincial space of its own; in official geography Urcos is the capital of Quispicanchi province, which the source also lists.',
    source: S8,
  },
  {
    key: 'cusco-catta',
    level: 'DISTRICT',
    region: 'cusco',
    province: 'Quispicanchi',
    district: 'Catta',
    sourceText: '02 distritales en Catta (Quispicanchi)',
    note: 'Escrito «Catta» como en la fuente; el nombre oficial del distrito de la provincia de Quispicanchi es Ccatca.',
    noteEn: 'Spelled "Catta" as in the source; the official name of the district of Quispicanchi province is Ccatca.',
    source: S8,
  },
  { key: 'cusco-pitumarca', level: 'DISTRICT', region: 'cusco', province: 'Canchis', district: 'Pitumarca', sourceText: '… Y Pitumarca (Canchis)', source: S8 },
  // Puno: "01 espacio de coordinación regional, 03 provinciales en Puno, San Román - Juliaca, San Antonio
  // de Putina y 02 distritales en San Miguel (San Román) y Desaguadero (Chucuito), y 01 en el centro poblado La Rinconada."
  { key: 'puno-regional', level: 'REGIONAL', region: 'puno', sourceText: '01 espacio de coordinación regional', source: S8 },
  { key: 'puno-puno', level: 'PROVINCIAL', region: 'puno', province: 'Puno', sourceText: '03 provinciales en Puno, …', source: S8 },
  {
    key: 'puno-san-roman-juliaca',
    level: 'PROVINCIAL',
    region: 'puno',
    province: 'San Román',
    locality: 'Juliaca',
    sourceText: '03 provinciales en …, San Román - Juliaca, …',
    note: 'La fuente escribe «San Román - Juliaca»: la provincia de San Román, cuya capital es Juliaca.',
    noteEn: 'The source writes "San Román - Juliaca": San Román province, whose capital is Juliaca.',
    source: S8,
  },
  { key: 'puno-san-antonio-de-putina', level: 'PROVINCIAL', region: 'puno', province: 'San Antonio de Putina', sourceText: '03 provinciales en …, San Antonio de Putina', source: S8 },
  { key: 'puno-san-miguel', level: 'DISTRICT', region: 'puno', province: 'San Román', district: 'San Miguel', sourceText: '02 distritales en San Miguel (San Román)', source: S8 },
  { key: 'puno-desaguadero', level: 'DISTRICT', region: 'puno', province: 'Chucuito', district: 'Desaguadero', sourceText: '… y Desaguadero (Chucuito)', source: S8 },
  {
    key: 'puno-la-rinconada',
    level: 'POPULATED_CENTER',
    region: 'puno',
    locality: 'La Rinconada',
    sourceText: '01 en el centro poblado La Rinconada',
    note: 'La fuente no indica provincia ni distrito para La Rinconada (en la geografía oficial está en el distrito de Ananea, provincia de San Antonio de Putina).',
    noteEn: 'The source names no province or district for La Rinconada (in official geography it lies in Ananea district, San Antonio de Putina province).',
    source: S8,
  },
  // Tacna: "01 espacio de coordinación regional, 01 provincial en Candarave y 01 distrital en Pocollay."
  { key: 'tacna-regional', level: 'REGIONAL', region: 'tacna', sourceText: '01 espacio de coordinación regional', source: S8 },
  { key: 'tacna-candarave', level: 'PROVINCIAL', region: 'tacna', province: 'Candarave', sourceText: '01 provincial en Candarave', source: S8 },
  {
    key: 'tacna-pocollay',
    level: 'DISTRICT',
    region: 'tacna',
    district: 'Pocollay',
    sourceText: '01 distrital en Pocollay',
    note: 'La fuente no indica provincia para Pocollay (en la geografía oficial es un distrito de la provincia de Tacna).',
    noteEn: 'The source names no province for Pocollay (in official geography it is a district of Tacna province).',
    source: S8,
  },
  // Moquegua: "01 espacio de coordinación regional y 02 provinciales en Ilo y Sánchez Cerro."
  { key: 'moquegua-regional', level: 'REGIONAL', region: 'moquegua', sourceText: '01 espacio de coordinación regional', source: S8 },
  { key: 'moquegua-ilo', level: 'PROVINCIAL', region: 'moquegua', province: 'Ilo', sourceText: '02 provinciales en Ilo …', source: S8 },
  {
    key: 'moquegua-sanchez-cerro',
    level: 'PROVINCIAL',
    region: 'moquegua',
    province: 'Sánchez Cerro',
    sourceText: '02 provinciales en … y Sánchez Cerro',
    note: 'Escrito «Sánchez Cerro» como en la fuente; el nombre oficial de la provincia es General Sánchez Cerro.',
    noteEn: 'Written "Sánchez Cerro" as in the source; the official province name is General Sánchez Cerro.',
    source: S8,
  },
];
