/**
 * Dataset.citation: APA (es, en), BibTeX read back by a BibTeX parser, CSL-JSON valid against a
 * CSL-JSON schema; each names the dataset, its version and date, the briefing and its publisher
 * exactly as the source document writes them, and Vigía's URL for the data (PUBLIC_URL).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '@vigia/server';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { gql } from '../helpers/graphql.js';
import { createTestDatabase } from '../postgres/support.js';

const PUBLIC_URL = 'https://vigia.example.org';
const DATASET = 'police-officers-trained-2021-2023';
const CSV = `${PUBLIC_URL}/data/${DATASET}.csv`;
const KEY = (version: number) => `vigia_police_officers_trained_2021_2023_v${version}`;
const SOURCE_TEXT = readFileSync('/work/shared/seed/000_35f86ff63fcf5180.txt', 'utf8');
const BRIEFING = 'Problemática de la trata de personas de niñas, niños y adolescentes en las regiones de Arequipa, Cusco, Puno, Tacna y Moquegua';
const PUBLISHER = 'Ministerio del Interior — Dirección General de Seguridad Democrática';

let server: RunningServer;
let drop: () => Promise<void>;
let editorKey: string;
let seededAt: string;

const ok = async (query: string, headers: Record<string, string> = {}) => {
  const r = await gql(server.graphqlUrl, query, {}, headers);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
};
const cite = async (args: string, asOf = '') =>
  (await ok(`{ dataset(key: "${DATASET}"${asOf ? `, asOf: "${asOf}"` : ''}) { version updatedAt citation${args} } }`)).dataset;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-cite-'));
  const postgres = process.env.VIGIA_TEST_DATABASE === 'postgresql' ? await createTestDatabase() : undefined;
  server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: postgres?.url ?? `file:${join(dir, 'vigia.db')}`, env: { PUBLIC_URL } });
  drop = async () => {
    await postgres?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  editorKey = (await createKey(server.prisma, { name: 'Editor de prueba', role: 'EDITOR' }, localOperator())).key;
  seededAt = new Date().toISOString();
});
afterAll(async () => {
  await server?.close();
  await drop?.();
});

describe('the facts every citation carries', () => {
  it('are the source document’s own: its title, publisher, place and date', () => {
    const upper = (s: string) => s.toLocaleUpperCase('es');
    expect(upper(SOURCE_TEXT)).toContain(upper(BRIEFING));
    expect(SOURCE_TEXT).toContain('Dirección General de Seguridad Democrática');
    expect(SOURCE_TEXT).toContain('Ministerio del Interior');
    expect(SOURCE_TEXT).toContain('LIMA, FEBRERO DE 2024');
  });
});

describe('APA', () => {
  it('is the default style, in Spanish: dataset, version, date, publisher, Vigía URL, then the briefing', async () => {
    const { citation, version, updatedAt } = await cite('');
    const year = new Date(updatedAt).getUTCFullYear();
    expect(version).toBe(1);
    expect(citation).toBe(
      `${PUBLISHER}. (${year}). Efectivos policiales capacitados en trata de personas por región, periodo 2021-2023 (Versión 1) [Conjunto de datos]. Vigía. ${CSV} ` +
        `Datos de: ${PUBLISHER}. (2024). ${BRIEFING}. ${PUBLISHER}.`,
    );
    expect(await cite('(style: APA, lang: ES)')).toMatchObject({ citation });
  });

  it('in English, with the English title and words', async () => {
    const { citation } = await cite('(lang: EN)');
    expect(citation).toContain('(Version 1) [Data set]. Vigía. ' + CSV);
    expect(citation).toContain(`Data from: ${PUBLISHER}. (2024). ${BRIEFING}.`);
    expect(citation).not.toContain('Conjunto de datos');
  });
});

describe('BibTeX', () => {
  it('is one @misc entry that a BibTeX parser reads back with every fact', async () => {
    const { citation, updatedAt } = await cite('(style: BIBTEX)');
    const parsed = parseBibtex(citation);
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toHaveLength(1);
    const entry = parsed.entries[0]!;
    // The parser gives LaTeX accents ({\'o}) back as a letter and a combining mark: compare composed.
    const nfc = (value: unknown) => JSON.parse(JSON.stringify(value).normalize('NFC'));
    entry.fields = nfc(entry.fields);
    expect(entry.type).toBe('misc');
    expect(entry.key).toBe(KEY(1));
    expect(entry.fields.author).toEqual([{ name: PUBLISHER }]);
    expect(entry.fields.title).toBe('Efectivos policiales capacitados en trata de personas por región, periodo 2021-2023');
    expect(entry.fields.year).toBe(String(new Date(updatedAt).getUTCFullYear()));
    expect(entry.fields.publisher).toEqual(['Vigía']);
    expect(entry.fields.url).toBe(CSV);
    expect(entry.fields.note).toContain('Versión 1 en Vigía');
    expect(entry.fields.note).toContain(`Datos de: ${PUBLISHER}, «${BRIEFING}» (Lima, febrero de 2024)`);
  });
});

describe('CSL-JSON', () => {
  it('is valid against the CSL-JSON schema and holds the dataset and the original document', async () => {
    const { citation } = await cite('(style: CSL_JSON, lang: EN)');
    const items = JSON.parse(citation);
    const schema = JSON.parse(readFileSync(new URL('../publish/csl-data.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
    expect(validate(items), JSON.stringify(validate.errors)).toBe(true);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: KEY(1),
      type: 'dataset',
      title: 'Police officers trained on trafficking in persons by region, 2021–2023',
      version: '1',
      publisher: 'Vigía',
      URL: CSV,
      language: 'en',
      author: [{ literal: PUBLISHER }],
      'original-title': BRIEFING,
      'original-publisher': PUBLISHER,
      'original-publisher-place': 'Lima',
      'original-date': { 'date-parts': [[2024, 2]] },
    });
  });

  it('the schema refuses what is not CSL-JSON (it checks something)', () => {
    const schema = JSON.parse(readFileSync(new URL('../publish/csl-data.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(schema);
    expect(validate([{ id: 'x', type: 'dataset', issued: '2024' }])).toBe(false);
    expect(validate([{ id: 'x', type: 'data-set' }])).toBe(false);
    expect(validate([{ id: 'x', type: 'dataset', publisherPlace: 'Lima' }])).toBe(false);
    expect(validate([{ id: 'x', type: 'dataset', author: [{ literal: 'A' }], issued: { 'date-parts': [[2024, 2]] } }])).toBe(true);
  });
});

describe('versions', () => {
  it('a change of the figures is cited as the next version; asOf cites the version of then', async () => {
    const r = await gql(server.graphqlUrl, `mutation { upsertIndicator(input: { key: "police-trained-tacna", value: 321, note: "TEST FIXTURE" }) { changed } }`, {}, { authorization: `Bearer ${editorKey}` });
    expect(r.errors).toBeUndefined();
    const now = await cite('(style: CSL_JSON)');
    expect(now.version).toBe(2);
    expect(JSON.parse(now.citation)[0]).toMatchObject({ id: KEY(2), version: '2' });
    expect((await cite('')).citation).toContain('(Versión 2)');
    const then = await cite('(style: BIBTEX)', seededAt);
    expect(then.version).toBe(1);
    expect(parseBibtex(then.citation).entries[0]!.key).toBe(KEY(1));
  });
});
