/** The API lifecycle rules (graphql-inspector): recorded breaking changes, deprecation before removal. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schema } from '@vigia/server';
import { checkEvolution, checkSchemaLifecycle, recordedBreakingChanges } from '../../packages/server/src/lifecycle/schema-check.js';

const v1 = `type Query { region(code: String!): Region }
type Region { name: String! population: Int oldName: String @deprecated(reason: "Use name.") }`;

describe('checkEvolution', () => {
  it('accepts additions', async () => {
    expect(await checkEvolution(v1, v1.replace('name: String!', 'name: String! slug: String'), '', 'a..b')).toEqual([]);
  });
  it('refuses removing a field that was never deprecated, whatever the changelog says', async () => {
    const problems = await checkEvolution(v1, v1.replace(' population: Int', ''), '### Breaking\n- `Region.population` removed', 'a..b');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/population.*mark it @deprecated/);
  });
  it('accepts removing a deprecated field only when CHANGELOG.md records it under Breaking', async () => {
    const v2 = v1.replace(' oldName: String @deprecated(reason: "Use name.")', '');
    const unrecorded = await checkEvolution(v1, v2, '## Unreleased\n### Added\n- `Region.oldName` mentioned elsewhere', 'a..b');
    expect(unrecorded[0]!.message).toMatch(/not recorded in CHANGELOG\.md.*`Region\.oldName`/);
    expect(await checkEvolution(v1, v2, '## 1.0.0\n### Breaking\n- Removed `Region.oldName` (deprecated since 0.9).', 'a..b')).toEqual([]);
  });
  it('requires a record for other breaking changes (a type change)', async () => {
    const v2 = v1.replace('population: Int', 'population: String');
    expect((await checkEvolution(v1, v2, '', 'a..b'))[0]!.message).toMatch(/Region\.population/);
    expect(await checkEvolution(v1, v2, '### Breaking\n- `Region.population` is now a String', 'a..b')).toEqual([]);
  });
  it('reads backticked coordinates from Breaking sections only', () => {
    expect([...recordedBreakingChanges('### Added\n- `A.b`\n### Breaking\n- `C.d` and `E`\n## Next\n- `F.g`')]).toEqual(['C.d', 'E']);
  });
});

describe('this repository', () => {
  it('serves the committed SDL, and every published version follows the rules', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const { problems, versions } = await checkSchemaLifecycle({
      schema,
      sdlPath: resolve(root, 'packages/schema/schema.graphql'),
      changelogPath: resolve(root, 'CHANGELOG.md'),
      repoRoot: root,
    });
    expect(problems.map((p) => `[${p.between}] ${p.message}`)).toEqual([]);
    expect(versions).toBeGreaterThanOrEqual(1);
  });
});
