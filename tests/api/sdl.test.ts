/** The committed SDL is the published API: it must be exactly what the server serves. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { buildSchema, getIntrospectionQuery, graphqlSync, isNonNullType, isObjectType } from 'graphql';
import { schema } from '@vigia/server';

const require = createRequire(import.meta.url);
const committed = readFileSync(require.resolve('@vigia/schema/schema.graphql'), 'utf8');

it('matches packages/schema/schema.graphql (run `pnpm schema:print` after changing the schema)', async () => {
  const { printPublishedSchema } = await import('../../packages/server/src/graphql/print.js');
  expect(printPublishedSchema()).toBe(committed);
});

it('has the root fields and types the contract fixes', () => {
  const sdl = buildSchema(committed);
  const query = sdl.getQueryType()!.getFields();
  for (const field of ['node', 'regions', 'region', 'coordinationSpaces', 'coordinationSpaceSummary', 'nationalCoordinationTotals', 'entities', 'services', 'policy', 'indicators']) {
    expect(query[field], field).toBeDefined();
  }
  expect(isNonNullType(query.regions!.type)).toBe(true);
  expect(query.coordinationSpaces!.args.map((a) => a.name)).toEqual(expect.arrayContaining(['after', 'first', 'level', 'regionCode']));
  const fields = (type: string) => Object.keys((sdl.getType(type) as any).getFields());
  expect(fields('CoordinationSpaceSummary')).toEqual(expect.arrayContaining(['regional', 'provincial', 'district', 'populatedCenter', 'local', 'total']));
  expect(fields('Region')).toEqual(expect.arrayContaining(['id', 'code', 'slug', 'name', 'isFocus', 'highIncidence', 'coordinationSpaceSummary', 'coordinationSpaces', 'policeTrained', 'indicators']));
  expect(fields('CoordinationSpace')).toEqual(expect.arrayContaining(['name', 'level', 'region', 'province', 'district', 'locality', 'source']));
  expect(fields('Entity')).toEqual(expect.arrayContaining(['name', 'acronym', 'kind', 'serviceCount', 'services']));
  expect(fields('Service')).toEqual(expect.arrayContaining(['number', 'name', 'entity', 'results']));
  expect(fields('ServiceResult')).toEqual(expect.arrayContaining(['year', 'achieved', 'executionRate']));
  expect(fields('Policy')).toEqual(expect.arrayContaining(['name', 'decree', 'approvedOn', 'horizonYear', 'serviceCount', 'entityCount', 'objectives']));
  expect(fields('Indicator')).toEqual(expect.arrayContaining(['key', 'label', 'value', 'unit', 'periodStart', 'periodEnd', 'region', 'source']));
  expect(fields('Source')).toEqual(expect.arrayContaining(['title', 'publisher', 'publishedOn', 'section']));
  expect(fields('CoordinationSpaceConnection')).toEqual(expect.arrayContaining(['edges', 'pageInfo', 'totalCount']));
  expect((sdl.getType('CoordinationLevel') as any).getValues().map((v: any) => v.name).sort()).toEqual(['DISTRICT', 'POPULATED_CENTER', 'PROVINCIAL', 'REGIONAL']);
  expect((sdl.getType('EntityKind') as any).getValues().map((v: any) => v.name).sort()).toEqual(['AUTONOMOUS_BODY', 'SECTOR']);
});

it('documents every type and every field (the descriptions are the API docs)', () => {
  const { data } = graphqlSync({ schema, source: getIntrospectionQuery() }) as any;
  const missing: string[] = [];
  for (const type of data.__schema.types) {
    if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
    if (!type.description) missing.push(type.name);
    for (const field of type.fields ?? []) if (!field.description) missing.push(`${type.name}.${field.name}`);
    for (const value of type.enumValues ?? []) if (!value.description) missing.push(`${type.name}.${value.name}`);
  }
  expect(missing).toEqual([]);
  expect(isObjectType(schema.getType('Region'))).toBe(true);
});
