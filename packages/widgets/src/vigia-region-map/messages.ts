/** The region map's words. */
export const es = {
  metrics: {
    'police-trained': 'Efectivos policiales capacitados',
    'coordination-spaces': 'Espacios de coordinación contra la trata',
    'high-incidence': 'Regiones de alta incidencia de trata de personas',
  },
  mapTitle: {
    'police-trained': 'Efectivos policiales capacitados en trata de personas, por región',
    'coordination-spaces': 'Espacios de coordinación contra la trata, por región',
    'high-incidence': 'Regiones de alta incidencia de trata de personas',
  },
  mapSub: (period: string) =>
    `Las cinco regiones del informe${period ? `, ${period}` : ''}. Cada recuadro es un departamento del Perú en su posición aproximada.`,
  byRegion: (what: string) => `${what}, por región`,
  legend: 'Leyenda',
  outside: 'Fuera del informe',
  range: (from: string, to: string) => (from === to ? from : `${from} a ${to}`),
  aboutMap: 'las regiones del informe',
};

export const en: typeof es = {
  metrics: {
    'police-trained': 'Police officers trained',
    'coordination-spaces': 'Coordination spaces against trafficking',
    'high-incidence': 'High-incidence regions for trafficking in persons',
  },
  mapTitle: {
    'police-trained': 'Police officers trained on trafficking in persons, by region',
    'coordination-spaces': 'Coordination spaces against trafficking, by region',
    'high-incidence': 'High-incidence regions for trafficking in persons',
  },
  mapSub: (period) =>
    `The briefing’s five regions${period ? `, ${period}` : ''}. Each tile is one of Peru’s departments, in its approximate place.`,
  byRegion: (what) => `${what}, by region`,
  legend: 'Legend',
  outside: 'Not in the briefing',
  range: (from, to) => (from === to ? from : `${from} to ${to}`),
  aboutMap: 'the briefing’s regions',
};
