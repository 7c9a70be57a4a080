/** The services widget's words. */
const pl = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const es = {
  summary: (n: number, entities: string) => `${pl(n, 'servicio', 'servicios')} a cargo de ${entities} entidades`,
  sectors: 'Sectores',
  autonomous: 'Organismos autónomos',
  services: (n: number, text: string) => `${text} ${pl(n, 'servicio', 'servicios')}`,
  activities: (n: number, text: string) => `${text} ${pl(n, 'actividad operativa', 'actividades operativas')}`,
  keyServices: 'Servicios',
  keyActivity: 'Actividad operativa (no es un servicio)',
  includes: (units: string) => `Incluye ${units}`,
  detailed: 'Resultados de los servicios que la fuente detalla',
  serviceNumber: (n: string) => `Servicio ${n}`,
  result: (achieved: string, unit: string, year: string) => `${achieved} ${unit} en ${year}`,
  resultUnit: (unit: string, year: string) => `${unit} en ${year}`,
  execution: (rate: string) => `${rate} de ejecución`,
  seeEntities: (n: string) => `Ver las ${n} entidades y sus servicios`,
  aboutServices: 'los servicios de la Política Nacional frente a la Trata de Personas',
};

export const en: typeof es = {
  summary: (n, entities) => `${pl(n, 'service', 'services')} delivered by ${entities} entities`,
  sectors: 'Sectors',
  autonomous: 'Autonomous bodies',
  services: (n, text) => `${text} ${pl(n, 'service', 'services')}`,
  activities: (n, text) => `${text} ${pl(n, 'operational activity', 'operational activities')}`,
  keyServices: 'Services',
  keyActivity: 'Operational activity (not a service)',
  includes: (units) => `Includes ${units}`,
  detailed: 'Results of the services the source details',
  serviceNumber: (n) => `Service ${n}`,
  result: (achieved, unit, year) => `${achieved} ${unit} in ${year}`,
  resultUnit: (unit, year) => `${unit} in ${year}`,
  execution: (rate) => `${rate} of target`,
  seeEntities: (n) => `See the ${n} entities and their services`,
  aboutServices: 'the services of the National Policy against Trafficking in Persons',
};
