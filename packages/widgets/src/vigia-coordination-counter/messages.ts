/** The coordination counter's words. */
const pl = (n: number, one: string, many: string) => (n === 1 ? one : many);

const levelAdjective = {
  REGIONAL: ['regional', 'regionales'],
  PROVINCIAL: ['provincial', 'provinciales'],
  DISTRICT: ['distrital', 'distritales'],
  POPULATED_CENTER: ['de centro poblado', 'de centro poblado'],
} as const;
type Level = keyof typeof levelAdjective;

export const es = {
  coordinationTitle: 'Espacios de coordinación contra la trata de personas',
  spaces: (n: number, level?: Level) =>
    pl(n, 'espacio de coordinación', 'espacios de coordinación') +
    (level ? ` ${levelAdjective[level][n === 1 ? 0 : 1]}` : '') +
    ' contra la trata de personas',
  ofTotal: (total: string) => `de ${total} en total`,
  local: 'Locales (provinciales, distritales y de centro poblado)',
  inRegion: (name: string) => `En ${name}`,
  inFocus: (names: string) => `En ${names} (las regiones del informe)`,
  national: 'En todo el país, según los totales nacionales que reporta la fuente',
  badLevel: (value: string) => `El nivel «${value}» no existe: usa regional, provincial, district o populated_center.`,
  aboutCounter: 'los espacios de coordinación contra la trata',
};

export const en: typeof es = {
  coordinationTitle: 'Coordination spaces against trafficking in persons',
  spaces: (n, level) =>
    (level ? `${{ REGIONAL: 'regional', PROVINCIAL: 'provincial', DISTRICT: 'district', POPULATED_CENTER: 'populated-centre' }[level]} ` : '') +
    pl(n, 'coordination space', 'coordination spaces') +
    ' against trafficking in persons',
  ofTotal: (total) => `of ${total} in all`,
  local: 'Local (provincial, district and populated centre)',
  inRegion: (name) => `In ${name}`,
  inFocus: (names) => `In ${names} (the briefing’s regions)`,
  national: 'Nationwide, as the national totals reported by the source',
  badLevel: (value) => `There is no level “${value}”: use regional, provincial, district or populated_center.`,
  aboutCounter: 'the coordination spaces against trafficking',
};
