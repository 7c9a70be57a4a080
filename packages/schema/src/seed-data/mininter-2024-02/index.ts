/**
 * Everything Vigía knows from the Ministry of the Interior's briefing
 * "Problemática de la trata de personas de niñas, niños y adolescentes en las regiones
 * de Arequipa, Cusco, Puno, Tacna y Moquegua" (Lima, February 2024), transcribed from
 * shared/seed/000_35f86ff63fcf5180.txt. Review changes to this file against that text:
 * every figure here must be found there. Where the briefing shows only a chart image,
 * the dataset has no observations and says why.
 */
export * from './document.js';
export * from './coordination-spaces.js';
export * from './policy.js';
export * from './datasets.js';
export * from './context.js';
