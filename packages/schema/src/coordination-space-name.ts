export type CoordinationLevelName = 'REGIONAL' | 'PROVINCIAL' | 'DISTRICT' | 'POPULATED_CENTER';

const levelWord: Record<CoordinationLevelName, string> = {
  REGIONAL: 'regional',
  PROVINCIAL: 'provincial',
  DISTRICT: 'distrital',
  POPULATED_CENTER: 'de centro poblado',
};

/**
 * The source lists coordination spaces by place, not by name; this names them the way the
 * source describes them. The seed and the write path (new spaces without a name) share it.
 */
export function coordinationSpaceName(
  level: CoordinationLevelName,
  regionName: string,
  place: { province?: string | null; district?: string | null; locality?: string | null },
): string {
  const where =
    level === 'REGIONAL'
      ? regionName
      : level === 'PROVINCIAL'
        ? [place.province, place.locality].filter(Boolean).join(' - ')
        : level === 'DISTRICT'
          ? place.district
          : place.locality;
  return `Espacio de coordinación ${levelWord[level]} contra la trata de personas de ${where}`;
}
