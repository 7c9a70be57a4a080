/** ISO date (YYYY-MM-DD) of a stored UTC midnight. */
export const isoDate = (date: Date): string => date.toISOString().slice(0, 10);
