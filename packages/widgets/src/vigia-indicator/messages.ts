/** The indicator's words. */
export const es = {
  aboutIndicator: (key: string) => `el indicador «${key}»`,
  pendingWhy: 'La fuente aún no da estas cifras.',
};

export const en: typeof es = {
  aboutIndicator: (key) => `the indicator “${key}”`,
  pendingWhy: 'The source does not give these figures yet.',
};
