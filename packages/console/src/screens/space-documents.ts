/** Coordination spaces as the spaces screen reads and writes them: their shape, the GraphQL documents, the form's values. */
import type { Message } from '../ui.js';

export const LEVELS = ['REGIONAL', 'PROVINCIAL', 'DISTRICT', 'POPULATED_CENTER'] as const;
export type Level = (typeof LEVELS)[number];

export interface Space {
  id: string;
  key: string;
  name: string;
  level: Level;
  region: { code: string; name: string };
  province: string | null;
  district: string | null;
  locality: string | null;
  note: string | null;
  sourceText: string;
  source: { key: string; title: string; section: string };
  closedOn: string | null;
  closedReason: string | null;
  isOpen: boolean;
  version: number;
}

export interface RegionOption {
  code: string;
  name: string;
  isFocus: boolean;
}

/** The editable fields, as the create and update inputs name them. */
export const FIELDS = ['name', 'level', 'regionCode', 'province', 'district', 'locality', 'note', 'sourceText', 'sourceKey'] as const;
export type Field = (typeof FIELDS)[number];
export type Values = Record<Field, string>;

export type Panel =
  | { mode: 'create'; values: Values & { key: string } }
  | { mode: 'edit'; space: Space; values: Values }
  | { mode: 'close'; space: Space; closedOn: string; reason: string }
  | { mode: 'reopen'; space: Space };

export interface PanelState {
  errors: Record<string, Message>;
  saving: boolean;
  conflict: Space | null;
}

export const SPACE = `id key name level region { code name } province district locality note(lang: ES) sourceText source { key title section }
  closedOn closedReason isOpen version`;

export const LIST = `query ConsoleSpaces($after: String, $closedAfter: String, $open: Boolean!, $closed: Boolean!) {
  coordinationSpaces(first: 100, after: $after) @include(if: $open) { pageInfo { hasNextPage endCursor } edges { node { ${SPACE} } } }
  closedCoordinationSpaces(first: 100, after: $closedAfter) @include(if: $closed) { pageInfo { hasNextPage endCursor } edges { node { ${SPACE} } } }
}`;
export const REGIONS = `query ConsoleRegions { regions { code name isFocus } }`;
export const ONE = `query ConsoleSpace($id: ID!) { node(id: $id) { ... on CoordinationSpace { ${SPACE} } } }`;

export const MUTATIONS = {
  create: `mutation ConsoleCreateSpace($input: CreateCoordinationSpaceInput!) { createCoordinationSpace(input: $input) { coordinationSpace { ${SPACE} } } }`,
  edit: `mutation ConsoleUpdateSpace($input: UpdateCoordinationSpaceInput!) { updateCoordinationSpace(input: $input) { changed coordinationSpace { ${SPACE} } } }`,
  close: `mutation ConsoleCloseSpace($input: CloseCoordinationSpaceInput!) { closeCoordinationSpace(input: $input) { coordinationSpace { ${SPACE} } } }`,
  reopen: `mutation ConsoleReopenSpace($input: ReopenCoordinationSpaceInput!) { reopenCoordinationSpace(input: $input) { coordinationSpace { ${SPACE} } } }`,
};

export const valuesOf = (s: Space): Values => ({
  name: s.name,
  level: s.level,
  regionCode: s.region.code,
  province: s.province ?? '',
  district: s.district ?? '',
  locality: s.locality ?? '',
  note: s.note ?? '',
  sourceText: s.sourceText,
  sourceKey: s.source.key,
});

export const today = () => new Date().toISOString().slice(0, 10);
