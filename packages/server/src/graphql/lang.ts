import { builder } from './builder.js';

/**
 * Prose fields (labels, titles, descriptions) come in Spanish, as the source has them,
 * or in English. Names (of places, entities, the decree) stay as the source writes them.
 */
export const Lang = builder.enumType('Lang', {
  description: 'Language of a prose field: ES (Spanish, the source language, default) or EN (English).',
  values: {
    ES: { value: 'es', description: 'Spanish, as the source has it.' },
    EN: { value: 'en', description: 'English translation.' },
  } as const,
});

export type LangValue = 'es' | 'en';

/** The `lang` argument every prose field takes. */
export const langArgs = builder.args((t) => ({
  lang: t.field({ type: Lang, required: true, defaultValue: 'es', description: 'Language of the text.' }),
}));

/** Picks the Spanish or English text. */
export const pick = (lang: LangValue, es: string, en: string): string => (lang === 'en' ? en : es);
