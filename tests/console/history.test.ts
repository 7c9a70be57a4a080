/**
 * The console's history screen over a log longer than a page (50 entries), in Debian's Chromium
 * against the real server on a throw-away SQLite database: who (a key's name or id, exactly) and
 * when (whole days) are filtered by the API over the whole log — the count is the log's, older
 * matches are found without loading every page, and "load older" pages through the filtered log.
 * The changes are made through the API with test-only values, in a database that is thrown away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../helpers/graphql.js';
import { expectAxeClean, openConsole, poll, signIn, startConsoleHarness, type ConsoleHarness } from './support.js';

let h: ConsoleHarness;
let adminKey: string;
let busyKey: string;
let quietKey: string;
const BUSY = 'Editora con muchos cambios (prueba)';
const QUIET = 'Editor con un cambio (prueba)';
const UPSERT = 'mutation ($input: UpsertServiceResultInput!) { upsertServiceResult(input: $input) { changed } }';
const change = async (key: string, achieved: number) => {
  const res = await gql(h.server.graphqlUrl, UPSERT, { input: { serviceNumber: 20, year: 2023, achieved } }, { authorization: `Bearer ${key}` });
  expect(res.errors).toBeUndefined();
};

beforeAll(async () => {
  h = await startConsoleHarness();
  [adminKey, busyKey, quietKey] = await Promise.all([h.key('Administración de prueba', 'ADMIN'), h.key(BUSY, 'EDITOR'), h.key(QUIET, 'EDITOR')]);
  // One change by the quiet editor, then 55 by the busy one: the quiet one's is not among the 50 newest.
  await change(quietKey, 2700);
  for (let i = 1; i <= 55; i++) await change(busyKey, 2700 + i);
}, 120_000);
afterAll(() => h?.close());

describe('history filters, applied by the API', () => {
  it('finds a change older than the first page by who, exactly (name or id), and by day', async () => {
    const tab = await openConsole(h);
    try {
      const { page } = tab;
      await signIn(page, adminKey);
      await page.evaluate(() => (location.hash = 'history'));
      await page.locator('.entry').first().waitFor();
      const count = () => page.locator('.count').innerText();
      const entries = page.locator('.entry');
      const who = page.getByLabel(/^Clave \(nombre o identificador\)/);
      const filter = () => page.getByRole('button', { name: 'Filtrar' }).click();
      await expect(count()).resolves.toMatch(/^\d+ cambios; se muestran los 50 más recientes\.$/);
      await expect(entries.count()).resolves.toBe(50);

      // The keys are offered to pick from, by name and by id.
      const quietId = quietKey.split('_')[1]!;
      const offered = await page.locator('#history-keys option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
      expect(offered).toEqual(expect.arrayContaining([QUIET, quietId, BUSY]));

      await who.fill(QUIET);
      await filter();
      await poll(count).toBe('1 cambio.');
      await expect(entries.first().locator('summary').innerText()).resolves.toMatch(new RegExp(`${QUIET.replace(/[()]/g, '\\$&')}\\s+Resultado de servicio guardado`));
      await entries.first().locator('summary').click();
      await expect(entries.first().locator('.sub').innerText()).resolves.toContain(`clave ${quietId}`);

      // The key's id finds the same change; a part of the name, or another case, finds nothing.
      await who.fill(quietId);
      await filter();
      await poll(count).toBe('1 cambio.');
      for (const near of ['Editor con un cambio', QUIET.toUpperCase()]) {
        await who.fill(near);
        await filter();
        await poll(count).toBe('0 cambios.');
      }
      await expect(page.locator('.empty').innerText()).resolves.toBe('Ningún cambio coincide con estos filtros.');

      // When: today (both days included) holds them; another year nothing.
      await who.fill(QUIET);
      const today = new Date();
      const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
      await page.getByLabel('Desde').fill(iso);
      await page.getByLabel('Hasta').fill(iso);
      await filter();
      await poll(count).toBe('1 cambio.');
      await page.getByLabel('Desde').fill('2020-01-01');
      await page.getByLabel('Hasta').fill('2020-12-31');
      await filter();
      await poll(count).toBe('0 cambios.');

      // A range that ends before it starts is named at its field, in the steward's language.
      await page.getByLabel('Desde').fill('2021-01-01');
      await filter();
      await poll(() => page.getByLabel('Hasta').getAttribute('aria-invalid')).toBe('true');
      await expect(page.locator('#history-to-error').innerText()).resolves.toBe('«Hasta» no puede ser anterior a «Desde».');
      await expectAxeClean(page, 'a reversed range');
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });

  it('pages through a filtered log: the count is the filter’s, "load older" brings the rest', async () => {
    const tab = await openConsole(h);
    try {
      const { page } = tab;
      await signIn(page, adminKey);
      await page.evaluate(() => (location.hash = 'history'));
      await page.locator('.entry').first().waitFor();
      await page.getByLabel(/^Clave \(nombre o identificador\)/).fill(BUSY);
      await page.getByRole('button', { name: 'Filtrar' }).click();
      await poll(() => page.locator('.count').innerText()).toBe('55 cambios; se muestran los 50 más recientes.');
      await page.getByRole('button', { name: 'Cargar cambios anteriores' }).click();
      await poll(() => page.locator('.entry').count()).toBe(55);
      await expect(page.locator('.count').innerText()).resolves.toBe('55 cambios.');
      const who = await page.locator('.entry-who').allInnerTexts();
      expect(new Set(who)).toEqual(new Set([BUSY]));
      await expect(page.getByRole('button', { name: 'Cargar cambios anteriores' }).count()).resolves.toBe(0);
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });
});
