/** The training chart's words. */
export const es = {
  sortBy: 'Ordenar',
  sortValue: 'De mayor a menor',
  sortSource: 'Como la fuente',
  chartSummary: (title: string, items: string) => `${title}: ${items}`,
  seeCourses: (n: string) => `Ver los ${n} cursos`,
  seeCourse: 'Ver el curso',
  aboutChart: (title: string) => `«${title}»`,
  defaultChart: 'los efectivos policiales capacitados',
};

export const en: typeof es = {
  sortBy: 'Sort',
  sortValue: 'Largest first',
  sortSource: 'Source order',
  chartSummary: (title, items) => `${title}: ${items}`,
  seeCourses: (n) => `See the ${n} courses`,
  seeCourse: 'See the course',
  aboutChart: (title) => `“${title}”`,
  defaultChart: 'the police officers trained',
};
