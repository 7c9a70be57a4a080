/** The national policy, its entities and services (slides 4 to 7). */
import type { EntitySeed, PolicySeed, ServiceSeed } from '../types.js';

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
