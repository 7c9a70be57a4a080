/**
 * Everything Vigía knows from the Ministry of the Interior's briefing
 * "Problemática de la trata de personas de niñas, niños y adolescentes en las regiones
 * de Arequipa, Cusco, Puno, Tacna y Moquegua" (Lima, February 2024), transcribed from
 * shared/seed/000_35f86ff63fcf5180.txt. Review changes to this file against that text:
 * every figure here must be found there. Where the briefing shows only a chart image,
 * the dataset has no observations and says why.
 */
import type {
  CoordinationSpaceSeed,
  CourseSeed,
  DatasetSeed,
  DocumentSeed,
  EntitySeed,
  NamedSeed,
  PolicySeed,
  ServiceSeed,
  SourceSeed,
} from './types.js';

const DOC = 'mininter-2024-02-nna';

export const documents: DocumentSeed[] = [
  {
    key: DOC,
    title:
      'Problemática de la trata de personas de niñas, niños y adolescentes en las regiones de Arequipa, Cusco, Puno, Tacna y Moquegua',
    publisher: 'Ministerio del Interior — Dirección General de Seguridad Democrática',
    publishedOn: '2024-02',
    place: 'Lima',
  },
];

/** The briefing's slides, in order (the cover is slide 1). */
export const sources: SourceSeed[] = [
  {
    key: 'cases-2021-2023',
    document: DOC,
    slide: 2,
    section: 'Problemática — Casos de Trata de Personas, periodo 2021-2023',
    quote:
      'Arequipa, Cusco, Puno y Tacna, son regiones de alta incidencia del delito de trata de personas. Esta problemática está asociada a actividades económicas ilegales e informales como la minería informal, la prostitución forzada, el trabajo infantil, la presencia de bares y prostíbulos clandestinos y la migración irregular.',
  },
  {
    key: 'upe-victims',
    document: DOC,
    slide: 3,
    section: 'Trata de personas de NNA — NNA víctimas de trata de personas atendidas por las UPE, periodo 2018 - Enero 2023',
  },
  {
    key: 'inei-victims-2021-2022',
    document: DOC,
    slide: 3,
    section: 'Trata de personas de NNA',
    quote:
      'durante el periodo 2021 – 2022, el 85,3% de las víctimas de trata de personas fueron mujeres y estas el 36,6% menores de 18 años, que fueron captadas principalmente con fines de explotación sexual y laboral.',
    citedWork: 'INEI, boletín estadístico «Perú: Estadísticas de Trata de Personas 2018 – 2022»',
  },
  {
    key: 'policy-decree',
    document: DOC,
    slide: 4,
    section: 'Respuesta estatal — Política Nacional frente a la Trata de Personas y sus formas de explotación al 2030',
    quote: 'Decreto Supremo N° 009-2021-IN (27 de julio de 2021)',
  },
  {
    key: 'policy-objectives',
    document: DOC,
    slide: 5,
    section: 'Respuesta estatal — El problema público: persistencia de la victimización por trata de personas; Objetivos Prioritarios',
  },
  {
    key: 'policy-services',
    document: DOC,
    slide: 6,
    section: 'Política Nacional — Servicios (sectores y organismos autónomos)',
    quote: '42 servicios, 15 entidades',
  },
  {
    key: 'policy-decentralisation',
    document: DOC,
    slide: 7,
    section: 'Política Nacional — Descentralización',
  },
  {
    key: 'coordination-spaces-five-regions',
    document: DOC,
    slide: 8,
    section: 'Espacios de coordinación regional y local en las regiones Arequipa, Cusco, Puno, Tacna y Moquegua',
  },
  {
    key: 'police-training',
    document: DOC,
    slide: 9,
    section:
      'Fortalecimiento de la Policía Nacional del Perú para el correcto abordaje de los casos de trata de personas, periodo 2021 - 2023',
  },
];

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

export const policy: PolicySeed = {
  key: 'pnt-2030',
  name: 'Política Nacional frente a la Trata de Personas y sus formas de explotación al 2030',
  nameEn: 'National Policy against Trafficking in Persons and its Forms of Exploitation to 2030',
  decree: 'Decreto Supremo N° 009-2021-IN',
  approvedOn: '2021-07-27',
  horizonYear: 2030,
  publicProblem: 'Persistencia de la victimización por trata de personas',
  publicProblemEn: 'Persistent victimisation by trafficking in persons',
  reportedServiceCount: 42,
  reportedEntityCount: 15,
  source: 'policy-decree',
  objectives: [
    {
      number: 1,
      title:
        'Ampliar la vigilancia preventiva contra la Trata de personas y sus formas de explotación en contextos con población en situación de riesgo y vulnerabilidad.',
      titleEn:
        'Broaden preventive surveillance against trafficking in persons and its forms of exploitation where the population is at risk and vulnerable.',
      focus: 'preventiva',
    },
    {
      number: 2,
      title:
        'Mejorar el funcionamiento del sistema de persecución, sanción penal y fiscalización para combatir el delito de Trata de personas.',
      titleEn:
        'Improve the workings of the system of prosecution, criminal sanction and enforcement to fight the crime of trafficking in persons.',
      focus: 'persecución, sanción penal y fiscalización',
    },
    {
      number: 3,
      title: 'Fortalecer la atención y el proceso de reintegración de las víctimas por el delito de Trata de personas.',
      titleEn: 'Strengthen the care and reintegration of the victims of the crime of trafficking in persons.',
      focus: 'reintegración',
    },
  ],
};

const S6 = 'policy-services';

/** Slide 6: the 15 entities and the services each delivers, in the briefing's order. */
export const entities: EntitySeed[] = [
  {
    key: 'mininter',
    name: 'Ministerio del Interior',
    acronym: 'MININTER',
    kind: 'SECTOR',
    reportedServiceCount: 11,
    sourceText: 'MINISTERIO DEL INTERIOR (SEDE CENTRAL – MIGRACIONES – DIRCTPTIM)\t11 SERVICIOS',
    units: [
      { name: 'Sede Central' },
      { name: 'Superintendencia Nacional de Migraciones', acronym: 'MIGRACIONES' },
      { name: 'Dirección contra la Trata de Personas y Tráfico Ilícito de Migrantes (PNP)', acronym: 'DIRCTPTIM' },
    ],
    source: S6,
  },
  { key: 'mimp', name: 'Ministerio de la Mujer y Poblaciones Vulnerables', acronym: 'MIMP', kind: 'SECTOR', reportedServiceCount: 6, sourceText: 'MINISTERIO DE LA MUJER Y POBLACIONES VULNERABLES\t06 SERVICIOS', source: S6 },
  { key: 'minsa', name: 'Ministerio de Salud', acronym: 'MINSA', kind: 'SECTOR', reportedServiceCount: 2, sourceText: 'MINISTERIO DE SALUD\t02 SERVICIOS', source: S6 },
  { key: 'rree', name: 'Ministerio de Relaciones Exteriores', acronym: 'RREE', kind: 'SECTOR', reportedServiceCount: 3, sourceText: 'MINISTERIO DE RELACIONES EXTERIORES\t03 SERVICIOS', source: S6 },
  { key: 'minjusdh', name: 'Ministerio de Justicia y Derechos Humanos', acronym: 'MINJUSDH', kind: 'SECTOR', reportedServiceCount: 1, sourceText: 'MINISTERIO DE JUSTICIA Y DERECHOS HUMANOS\t01 SERVICIO', source: S6 },
  {
    key: 'mtpe',
    name: 'Ministerio de Trabajo y Promoción del Empleo',
    acronym: 'MTPE',
    kind: 'SECTOR',
    reportedServiceCount: 4,
    sourceText: 'MINISTERIO DE TRABAJO Y PROMOCIÓN DEL EMPLEO (+SUNAFIL)\t04 SERVICIOS',
    units: [{ name: 'Superintendencia Nacional de Fiscalización Laboral', acronym: 'SUNAFIL' }],
    source: S6,
  },
  {
    key: 'mtc',
    name: 'Ministerio de Transportes y Comunicaciones',
    acronym: 'MTC',
    kind: 'SECTOR',
    reportedServiceCount: 2,
    sourceText: 'MINISTERIO DE TRANSPORTES Y COMUNICACIONES (SUTRAN)\t02 SERVICIOS',
    units: [{ name: 'Superintendencia de Transporte Terrestre de Personas, Carga y Mercancías', acronym: 'SUTRAN' }],
    source: S6,
  },
  { key: 'minedu', name: 'Ministerio de Educación', acronym: 'MINEDU', kind: 'SECTOR', reportedServiceCount: 1, sourceText: 'MINISTERIO DE EDUCACIÓN\t01 SERVICIO', source: S6 },
  { key: 'minem', name: 'Ministerio de Energía y Minas', acronym: 'MINEM', kind: 'SECTOR', reportedServiceCount: 1, sourceText: 'MINISTERIO DE ENERGIA Y MINAS\t01 SERVICIO', source: S6 },
  {
    key: 'midagri',
    name: 'Ministerio de Desarrollo Agrario y Riego',
    acronym: 'MIDAGRI',
    kind: 'SECTOR',
    reportedServiceCount: 1,
    sourceText: 'MINISTERIO DE DESARROLLO AGRARIO Y RIEGO (SERFOR)\t01 SERVICIO',
    units: [{ name: 'Servicio Nacional Forestal y de Fauna Silvestre', acronym: 'SERFOR' }],
    source: S6,
  },
  { key: 'mincul', name: 'Ministerio de Cultura', acronym: 'MINCUL', kind: 'SECTOR', reportedServiceCount: 1, sourceText: 'MINISTERIO DE CULTURA\t01 SERVICIO', source: S6 },
  { key: 'pj', name: 'Poder Judicial', acronym: 'PJ', kind: 'AUTONOMOUS_BODY', reportedServiceCount: 1, sourceText: 'PODER JUDICIAL\t01 SERVICIO', source: S6 },
  { key: 'mpfn', name: 'Ministerio Público – Fiscalía de la Nación', acronym: 'MPFN', kind: 'AUTONOMOUS_BODY', reportedServiceCount: 7, sourceText: 'MINISTERIO PÚBLICO – FISCALIA DE LA NACIÓN\t07 SERVICIOS', source: S6 },
  { key: 'reniec', name: 'Registro Nacional de Identificación y Estado Civil', acronym: 'RENIEC', kind: 'AUTONOMOUS_BODY', reportedServiceCount: 1, sourceText: 'REGISTRO NACIONAL DE IDENTIFICACIÓN Y ESTADO CIVIL\t01 SERVICIO', source: S6 },
  {
    key: 'inei',
    name: 'Instituto Nacional de Estadística e Informática',
    acronym: 'INEI',
    kind: 'AUTONOMOUS_BODY',
    reportedServiceCount: 0,
    operationalActivityCount: 1,
    sourceText: 'INSTITUTO NACIONAL DE ESTADÍSTICA E INFORMÁTICA\t01 ACTIVIDAD OPERATIVA',
    note: 'La fuente lista al INEI entre los organismos autónomos, con una actividad operativa que no es uno de los 42 servicios.',
    noteEn: 'The source lists INEI among the autonomous bodies with one operational activity, which is not one of the 42 services.',
    source: S6,
  },
];

const S7 = 'policy-decentralisation';
const ATTRIBUTION =
  'The source does not name the provider; attributed to the Ministry of the Interior, whose Dirección General de Seguridad Democrática reports it in this briefing.';

/** Slide 7: the two services the briefing details. */
export const services: ServiceSeed[] = [
  {
    number: 4,
    name: 'Asistencia técnica para la creación y fortalecimiento de las capacidades de los funcionarios y servidores de los espacios de coordinación regionales y locales contra la trata de personas, a nivel nacional al 2023',
    nameEn:
      'Technical assistance to create and strengthen the capacities of the officials and staff of the regional and local coordination spaces against trafficking in persons, nationwide, to 2023',
    entity: 'mininter',
    entityAttribution: ATTRIBUTION,
    results: [{ year: 2023, achieved: 825, unit: 'asistencias técnicas', unitEn: 'technical assistance sessions', executionRate: 118.5, source: S7 }],
  },
  {
    number: 20,
    name: 'Fortalecimiento de capacidades del personal policial en el uso de instrumentos normativos, protocolos y guías de actuación para la identificación, investigación y adecuado abordaje de las víctimas del delito de trata de personas al 2023',
    nameEn:
      'Building the capacities of police personnel in the use of regulations, protocols and action guides to identify, investigate and properly address the victims of trafficking in persons, to 2023',
    entity: 'mininter',
    entityAttribution:
      'The source does not name the provider; attributed to the Ministry of the Interior, to which the National Police (PNP) whose officers it trains belongs.',
    results: [{ year: 2023, achieved: 2605, unit: 'efectivos PNP capacitados', unitEn: 'PNP officers trained', executionRate: 157.5, source: S7 }],
  },
];

const levelBreakdown = (value: string) => ({ dimension: 'level', value });

export const datasets: DatasetSeed[] = [
  {
    key: 'trafficking-cases-by-region-2021-2023',
    title: 'Casos de trata de personas por región, periodo 2021-2023',
    titleEn: 'Trafficking in persons cases by region, 2021–2023',
    description: 'Casos de trata de personas en las regiones de Arequipa, Cusco, Puno, Tacna y Moquegua.',
    descriptionEn: 'Trafficking in persons cases in the regions of Arequipa, Cusco, Puno, Tacna and Moquegua.',
    unit: 'casos',
    periodStart: '2021-01-01',
    periodEnd: '2023-12-31',
    source: 'cases-2021-2023',
    countsVictims: true,
    pending: {
      reason: 'La fuente muestra estas cifras solo como un gráfico; sus valores no figuran en el texto.',
      reasonEn: 'The source shows these figures only as a chart image; its values are not in the text.',
    },
    observations: [],
  },
  {
    key: 'nna-victims-attended-upe-2018-2023',
    title: 'NNA víctimas de trata de personas atendidas por las UPE, periodo 2018 - enero 2023',
    titleEn: 'Child and adolescent trafficking victims attended by the UPE, 2018 – January 2023',
    description:
      'Niñas, niños y adolescentes víctimas de trata de personas atendidos por las Unidades de Protección Especial (UPE).',
    descriptionEn: 'Child and adolescent victims of trafficking attended by the Special Protection Units (UPE).',
    unit: 'víctimas NNA',
    periodStart: '2018-01-01',
    periodEnd: '2023-01-31',
    source: 'upe-victims',
    countsVictims: true,
    pending: {
      reason: 'La fuente muestra estas cifras solo como un gráfico; sus valores no figuran en el texto.',
      reasonEn: 'The source shows these figures only as a chart image; its values are not in the text.',
    },
    observations: [],
  },
  {
    key: 'trafficking-victims-profile-2021-2022',
    title: 'Perfil de las víctimas de trata de personas, periodo 2021-2022',
    titleEn: 'Profile of trafficking victims, 2021–2022',
    description: 'Porcentaje de víctimas de trata de personas según sexo y edad, según el INEI.',
    descriptionEn: 'Share of trafficking victims by sex and age, as reported by INEI.',
    unit: '%',
    periodStart: '2021-01-01',
    periodEnd: '2022-12-31',
    source: 'inei-victims-2021-2022',
    observations: [
      {
        key: 'victims-women-share',
        label: 'Víctimas de trata de personas que fueron mujeres',
        labelEn: 'Trafficking victims who were women',
        value: 85.3,
        scope: 'NATIONAL',
        breakdown: { dimension: 'sex', value: 'female' },
        base: { label: 'víctimas de trata de personas', labelEn: 'trafficking victims' },
      },
      {
        key: 'women-victims-minors-share',
        label: 'Mujeres víctimas de trata de personas menores de 18 años',
        labelEn: 'Women trafficking victims under 18',
        value: 36.6,
        scope: 'NATIONAL',
        breakdown: { dimension: 'age', value: 'under-18' },
        base: { label: 'mujeres víctimas de trata de personas', labelEn: 'women trafficking victims' },
      },
    ],
  },
  {
    key: 'police-officers-trained-2021-2023',
    title: 'Efectivos policiales capacitados en trata de personas por región, periodo 2021-2023',
    titleEn: 'Police officers trained on trafficking in persons by region, 2021–2023',
    description:
      'Número de efectivos policiales capacitados por los dos cursos de la PNP sobre trata de personas, en las cinco regiones.',
    descriptionEn: "Police officers trained by the PNP's two courses on trafficking in persons, in the five regions.",
    unit: 'efectivos policiales',
    periodStart: '2021-01-01',
    periodEnd: '2023-12-31',
    source: 'police-training',
    observations: [
      { key: 'police-trained-arequipa', label: 'Efectivos policiales capacitados en Arequipa', labelEn: 'Police officers trained in Arequipa', value: 350, scope: 'REGION', region: 'arequipa' },
      { key: 'police-trained-cusco', label: 'Efectivos policiales capacitados en Cusco', labelEn: 'Police officers trained in Cusco', value: 370, scope: 'REGION', region: 'cusco' },
      { key: 'police-trained-puno', label: 'Efectivos policiales capacitados en Puno', labelEn: 'Police officers trained in Puno', value: 420, scope: 'REGION', region: 'puno' },
      { key: 'police-trained-tacna', label: 'Efectivos policiales capacitados en Tacna', labelEn: 'Police officers trained in Tacna', value: 320, scope: 'REGION', region: 'tacna' },
      { key: 'police-trained-moquegua', label: 'Efectivos policiales capacitados en Moquegua', labelEn: 'Police officers trained in Moquegua', value: 250, scope: 'REGION', region: 'moquegua' },
      { key: 'police-trained-total', label: 'Efectivos policiales capacitados en las cinco regiones', labelEn: 'Police officers trained in the five regions', value: 1710, scope: 'FOCUS_REGIONS' },
    ],
  },
  {
    key: 'coordination-spaces-national-2023',
    title: 'Espacios de coordinación contra la trata de personas a nivel nacional, al 2023',
    titleEn: 'Coordination spaces against trafficking in persons nationwide, at 2023',
    description: 'Espacios de coordinación regional y local contra la trata de personas en todo el país, según el reporte del servicio 4.',
    descriptionEn: 'Regional and local coordination spaces against trafficking in persons across the country, as reported with service 4.',
    unit: 'espacios de coordinación',
    periodStart: '2023-01-01',
    periodEnd: '2023-12-31',
    source: S7,
    observations: [
      { key: 'national-spaces-regional', label: 'Espacios de coordinación regional contra la trata de personas', labelEn: 'Regional coordination spaces against trafficking', value: 25, scope: 'NATIONAL', breakdown: levelBreakdown('regional') },
      { key: 'national-spaces-local', label: 'Espacios de coordinación local contra la trata de personas', labelEn: 'Local coordination spaces against trafficking', value: 90, scope: 'NATIONAL', breakdown: levelBreakdown('local') },
      { key: 'national-spaces-provincial', label: 'Espacios de coordinación local provinciales', labelEn: 'Provincial local coordination spaces', value: 55, scope: 'NATIONAL', breakdown: levelBreakdown('provincial') },
      { key: 'national-spaces-district', label: 'Espacios de coordinación local distritales', labelEn: 'District local coordination spaces', value: 35, scope: 'NATIONAL', breakdown: levelBreakdown('district') },
    ],
  },
  {
    key: 'coordination-spaces-five-regions',
    title: 'Espacios de coordinación en Arequipa, Cusco, Puno, Tacna y Moquegua (totales reportados)',
    titleEn: 'Coordination spaces in Arequipa, Cusco, Puno, Tacna and Moquegua (reported totals)',
    description: 'Totales que la fuente reporta para los espacios que lista en las cinco regiones.',
    descriptionEn: 'The totals the source reports for the spaces it lists in the five regions.',
    unit: 'espacios de coordinación',
    periodStart: '2024-02-01',
    periodEnd: '2024-02-29',
    source: S8,
    observations: [
      { key: 'focus-spaces-regional', label: 'Espacios de coordinación regional en las cinco regiones', labelEn: 'Regional coordination spaces in the five regions', value: 5, scope: 'FOCUS_REGIONS', breakdown: levelBreakdown('regional') },
      { key: 'focus-spaces-local', label: 'Espacios de coordinación local en las cinco regiones', labelEn: 'Local coordination spaces in the five regions', value: 18, scope: 'FOCUS_REGIONS', breakdown: levelBreakdown('local') },
      { key: 'focus-spaces-provincial', label: 'Espacios de coordinación provinciales en las cinco regiones', labelEn: 'Provincial coordination spaces in the five regions', value: 11, scope: 'FOCUS_REGIONS', breakdown: levelBreakdown('provincial') },
      { key: 'focus-spaces-district', label: 'Espacios de coordinación distritales en las cinco regiones', labelEn: 'District coordination spaces in the five regions', value: 6, scope: 'FOCUS_REGIONS', breakdown: levelBreakdown('district') },
      { key: 'focus-spaces-populated-center', label: 'Espacios de coordinación de centro poblado en las cinco regiones', labelEn: 'Populated-centre coordination spaces in the five regions', value: 1, scope: 'FOCUS_REGIONS', breakdown: levelBreakdown('populated-center') },
    ],
  },
];

const S2 = 'cases-2021-2023';

/** Slide 2: the illegal and informal economic activities the problem is associated with. */
export const associatedActivities: NamedSeed[] = [
  { key: 'informal-mining', name: 'Minería informal', nameEn: 'Informal mining', source: S2 },
  { key: 'forced-prostitution', name: 'Prostitución forzada', nameEn: 'Forced prostitution', source: S2 },
  { key: 'child-labour', name: 'Trabajo infantil', nameEn: 'Child labour', source: S2 },
  { key: 'clandestine-bars-brothels', name: 'Bares y prostíbulos clandestinos', nameEn: 'Clandestine bars and brothels', source: S2 },
  { key: 'irregular-migration', name: 'Migración irregular', nameEn: 'Irregular migration', source: S2 },
];

/** Slide 9: the two courses behind the officers-trained figures. */
export const trainingCourses: CourseSeed[] = [
  {
    key: 'virtual-course-trafficking-missing-cybercrime',
    name: 'Trata de Personas, Personas Desaparecidas y Delitos informáticos relacionados con la explotación sexual de NNA',
    audience: 'Personal policial de comisarías',
    audienceEn: 'Police station personnel',
    modality: 'virtual',
    source: 'police-training',
  },
  {
    key: 'short-course-operational-guide',
    name: 'Cursillo para la Aplicación de la Guía Operativa para la investigación del delito de Trata de Personas',
    audience:
      'Personal policial de unidades de investigación criminal y de investigación de trata de personas de las regiones y frentes policiales',
    audienceEn:
      'Police personnel of criminal investigation and trafficking investigation units of the regions and police fronts',
    source: 'police-training',
  },
];
