/** The region card's words. */
const pl = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const es = {
  cardTitle: (name: string) => `${name} frente a la trata de personas`,
  cardSub: (period: string) => `Espacios de coordinación y efectivos policiales capacitados${period ? ` (${period})` : ''}`,
  cardSpaces: (n: number) => `${pl(n, 'espacio', 'espacios')} de coordinación contra la trata`,
  cardTrained: (period: string) => `efectivos policiales capacitados, ${period}`,
  seeSpaces: (n: string) => `Ver los ${n} espacios`,
  seeSpace: 'Ver el espacio',
  highIncidence: 'Región de alta incidencia de trata de personas',
  notHighIncidence: 'La fuente no la señala como región de alta incidencia',
  notDetailed: 'La fuente no detalla espacios de coordinación para esta región.',
  noPoliceTrained: 'La fuente no da efectivos policiales capacitados para esta región.',
  aboutSpaces: (where: string) => `los espacios de coordinación de ${where}`,
};

export const en: typeof es = {
  cardTitle: (name) => `${name}: the response to trafficking in persons`,
  cardSub: (period) => `Coordination spaces and police officers trained${period ? ` (${period})` : ''}`,
  cardSpaces: (n) => `coordination ${pl(n, 'space', 'spaces')} against trafficking`,
  cardTrained: (period) => `police officers trained, ${period}`,
  seeSpaces: (n) => `See the ${n} spaces`,
  seeSpace: 'See the space',
  highIncidence: 'High-incidence region for trafficking in persons',
  notHighIncidence: 'The source does not name it a high-incidence region',
  notDetailed: 'The source does not detail coordination spaces for this region.',
  noPoliceTrained: 'The source gives no police officers trained for this region.',
  aboutSpaces: (where) => `the coordination spaces of ${where}`,
};
