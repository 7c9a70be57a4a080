/**
 * The stewards' console, end to end in Debian's Chromium against the real server on a throw-away
 * SQLite database (issue 14, "Done when"): an editor signs in, enters the pending cases-by-region
 * figures in the table (test-only values, below), sees them in the public API and in a widget,
 * imports a corrected CSV with its preview and fixes the bad row the preview named, meets another
 * editor's change and chooses, and signs out (by itself after the idle period: screens.test.ts); an
 * admin creates, copies and revokes a key and reads the history; a viewer is offered no writes.
 * axe-core runs on every screen; the console's CSP is the server's (no console errors allowed).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../helpers/graphql.js';
import { DATASET, EXPECTED, keyOf } from './test-values.js';
import { csvCells, expectAxeClean, openConsole, poll, publicFigures, shot, signIn, startConsoleHarness, type ConsoleHarness, type Tab } from './support.js';

let h: ConsoleHarness;
let editorKey: string;
let secondEditorKey: string;
let adminKey: string;
let viewerKey: string;
let steward: Tab;

beforeAll(async () => {
  h = await startConsoleHarness();
  [editorKey, secondEditorKey, adminKey, viewerKey] = await Promise.all([
    h.key('Rosa Condori (editora de prueba)', 'EDITOR'),
    h.key('Segundo editor de prueba', 'EDITOR'),
    h.key('Administración de prueba', 'ADMIN'),
    h.key('Lectura de prueba', 'VIEWER'),
  ]);
}, 120_000);
afterAll(() => h?.close());

const cell = (page: Page, key: string) => page.locator(`[id="${key}-value"]`);

describe.sequential("a steward's story", () => {
  it('signs in with an editor key, kept for the tab only, and shows who it belongs to and its role', async () => {
    steward = await openConsole(h);
    const { page } = steward;
    await expect(page.locator('h1').textContent()).resolves.toBe('Ingresar a la consola');
    await expectAxeClean(page, 'the sign-in screen');
    await signIn(page, editorKey);
    await expect(page.locator('.who').innerText()).resolves.toMatch(/Rosa Condori \(editora de prueba\)\s+Edición/);
    // The key: in this tab's sessionStorage only — never in the URL, localStorage or a cookie.
    const stored = await page.evaluate(() => ({
      session: Object.values(sessionStorage),
      local: Object.keys(localStorage).map((k) => localStorage.getItem(k)),
      cookies: document.cookie,
      url: location.href,
    }));
    expect(stored.session).toContain(editorKey);
    expect(stored.local.join(' ')).not.toContain('vigia_');
    expect(stored.cookies).toBe('');
    expect(stored.url).not.toContain('vigia_');
    // A reload keeps the session (the tab is still open) without asking for the key again.
    await page.reload();
    await page.locator('.who-name').waitFor();
    await expect(page.locator('.who-name').innerText()).resolves.toBe('Rosa Condori (editora de prueba)');
    // Datasets: the two pending charts are there, marked pending, with period, source and last change.
    await page.locator('table.data tbody tr').first().waitFor();
    const pending = page.locator('tr', { has: page.locator('.status-pending') });
    await expect(pending.count()).resolves.toBe(2);
    await expect(page.locator(`a[href="#datasets/${DATASET}"]`).locator('xpath=ancestor::tr').innerText()).resolves.toMatch(/Pendiente\s+2021–2023/);
    await expectAxeClean(page, 'the datasets screen');
  });

  it('enters the pending cases-by-region figures in the table, with the API refusal next to the cell', async () => {
    const { page } = steward;
    await page.locator(`a[href="#datasets/${DATASET}"]`).click();
    await page.locator('table.figures').waitFor();
    // One empty row per focus region and year of the period: nothing is filled in for the steward.
    const rows = page.locator('table.figures tbody tr[data-key]');
    await expect(rows.count()).resolves.toBe(15);
    for (const key of EXPECTED.keys()) await expect(cell(page, key).inputValue()).resolves.toBe('');
    await expect(page.locator('.status').first().innerText()).resolves.toBe('Pendiente');

    // The steward types every figure; one is mistyped with a decimal (cases are whole numbers).
    for (const [key, value] of EXPECTED) await cell(page, key).fill(key === keyOf('puno', 2022) ? '12.5' : String(value));
    await page.getByRole('button', { name: 'Guardar 15 filas cambiadas' }).click();
    const mistyped = cell(page, keyOf('puno', 2022));
    await poll(() => mistyped.getAttribute('aria-invalid')).toBe('true');
    const error = page.locator(`[id="${keyOf('puno', 2022)}-value-error"]`);
    await expect(error.innerText()).resolves.toMatch(/whole number; got 12\.5/);
    // The message is tied to its cell for screen readers, and marked as the API's English.
    await expect(mistyped.getAttribute('aria-describedby')).resolves.toContain(`${keyOf('puno', 2022)}-value-error`);
    await expect(error.locator('[lang="en"]').count()).resolves.toBe(1);
    // The other 14 rows are saved (the button then counts the one row left to save).
    await poll(() => page.locator('.saved').count()).toBe(14);
    await page.getByRole('button', { name: 'Guardar 1 fila cambiada' }).waitFor();
    await expect(page.locator('.status').first().innerText()).resolves.toBe('Publicado');
    await expectAxeClean(page, 'the figures table with a refused cell');
    await mistyped.scrollIntoViewIfNeeded();
    await shot(page, 'story-1-figures-refused-cell');

    // Corrected in place and saved with Enter.
    await mistyped.fill(String(EXPECTED.get(keyOf('puno', 2022))));
    await mistyped.press('Enter');
    await poll(() => mistyped.getAttribute('aria-invalid')).toBe('false');
    await page.locator(`[id="${keyOf('puno', 2022)}-saved"]`).waitFor();
    expect(steward.errors).toEqual([]);
  });

  it('the public API and a widget show the figures the steward entered', async () => {
    const figures = await publicFigures(h, DATASET);
    expect(figures.status).toBe('PUBLISHED');
    expect(Object.fromEntries(figures.values)).toEqual(Object.fromEntries(EXPECTED));

    // A partner page with the widget for the dataset: it lists the figures, no longer "pending".
    const context = await h.browser.newContext();
    try {
      const page = await context.newPage();
      await page.setContent(
        `<!doctype html><html lang="es"><head><script src="${h.server.url}/widgets/vigia-widgets.js" data-endpoint="${h.server.graphqlUrl}"></script></head>
         <body><main><vigia-indicator key="${DATASET}" detail></vigia-indicator></main></body></html>`,
      );
      const text = () => page.evaluate(() => (document.querySelector('vigia-indicator')?.shadowRoot?.querySelector('article[aria-busy="false"]') as HTMLElement | null)?.innerText ?? '');
      await poll(text).toMatch(/Puno/);
      const digits = (await text()).replace(/[\s.,\u00a0\u202f]/g, '');
      for (const value of EXPECTED.values()) expect(digits).toContain(String(value));
    } finally {
      await context.close();
    }
  });

  it('imports a corrected CSV: the preview names a bad row, the steward fixes it, then applies it in one step', async () => {
    const { page } = steward;
    // The steward downloads the dataset's CSV from the console (stored values, with the key)…
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Descargar CSV (valores guardados)' }).click();
    const download = await downloading;
    const original = readFileSync((await download.path())!, 'utf8');
    const lines = original.trimEnd().split('\n');
    expect(lines).toHaveLength(16);
    // …corrects two figures in a spreadsheet, and mistypes a third.
    const corrections = new Map([
      [keyOf('arequipa', 2021), 90_111],
      [keyOf('tacna', 2023), 90_533],
    ]);
    const header = csvCells(lines[0]!);
    const valueAt = header.indexOf('value');
    const keyAt = header.indexOf('key');
    const edit = (bad: boolean) =>
      lines
        .map((line, i) => {
          if (i === 0) return line;
          const cells = csvCells(line);
          const key = cells[keyAt]!;
          if (corrections.has(key)) cells[valueAt] = String(corrections.get(key));
          if (key === keyOf('cusco', 2022)) cells[valueAt] = bad ? '9O2O2' : String(EXPECTED.get(key));
          return cells.join(',');
        })
        .join('\n') + '\n';
    const badLine = lines.findIndex((l) => l.includes(`,${keyOf('cusco', 2022)},`)) + 1;
    const file = join(tmpdir(), `casos-corregidos-${process.pid}.csv`);
    writeFileSync(file, edit(true));

    await page.locator('a[href="#import"]').click();
    await page.locator('#import-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Revisar el archivo' }).click();
    await page.locator('#import-result').waitFor();
    await expect(page.locator('#import-result').innerText()).resolves.toBe('1 fila no se puede importar');
    const problem = page.locator('table.problems tbody tr');
    await expect(problem.count()).resolves.toBe(1);
    await expect(problem.locator('th').innerText()).resolves.toBe(String(badLine));
    await expect(problem.locator('td').innerText()).resolves.toMatch(/value: must be a number.*9O2O2/);
    // A file with a bad row cannot be applied, and nothing was written.
    await expect(page.getByRole('button', { name: /^Aplicar/ }).count()).resolves.toBe(0);
    await expectAxeClean(page, 'the import preview with a bad row');
    await shot(page, 'story-2-import-bad-row', { fullPage: true });
    expect((await publicFigures(h, DATASET)).values.get(keyOf('arequipa', 2021))).toBe(EXPECTED.get(keyOf('arequipa', 2021)));

    // Fixed in the file, chosen again: the preview shows what would change.
    writeFileSync(file, edit(false));
    await page.locator('#import-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Revisar el archivo' }).click();
    await poll(() => page.locator('#import-result').innerText()).toMatch(/^Vista previa de casos-corregidos/);
    const counts = await page.locator('dl.counts').innerText();
    expect(counts).toMatch(/Filas\s+15/);
    expect(counts).toMatch(/Nuevas\s+0/);
    expect(counts).toMatch(/Cambiadas\s+2/);
    expect(counts).toMatch(/Sin cambios\s+13/);
    const changes = await page.locator('table.changes tbody').innerText();
    expect(changes).toContain(keyOf('arequipa', 2021));
    expect(changes).toContain(keyOf('tacna', 2023));
    expect(changes).toMatch(/value: 90101 → 90111/);
    await expectAxeClean(page, 'the import preview of a good file');
    await shot(page, 'story-3-import-preview', { fullPage: true });
    expect((await publicFigures(h, DATASET)).values.get(keyOf('arequipa', 2021))).toBe(EXPECTED.get(keyOf('arequipa', 2021)));

    await page.getByRole('button', { name: 'Aplicar 2 cambios' }).click();
    await poll(() => page.locator('#import-result').innerText()).toMatch(/importado$/);
    await expect(page.locator('.notice-ok').innerText()).resolves.toMatch(/Importado: 0 filas nuevas, 2 cambiadas, 13 sin cambios/);
    const after = await publicFigures(h, DATASET);
    for (const [key, value] of corrections) {
      expect(after.values.get(key)).toBe(value);
      EXPECTED.set(key, value);
    }
    expect(Object.fromEntries(after.values)).toEqual(Object.fromEntries(EXPECTED));
  });

  it("meets another editor's change: both versions are shown, and the steward chooses", async () => {
    const { page } = steward;
    await page.locator('nav a[href="#datasets"]').click();
    await page.locator(`a[href="#datasets/${DATASET}"]`).click();
    await page.locator('table.figures').waitFor();
    const version = async (key: string) => (await gql(h.server.graphqlUrl, `{ indicator(key: "${key}") { version value } }`)).data.indicator;

    // Meanwhile, a second editor corrects two figures through the API.
    for (const [key, value] of [
      [keyOf('puno', 2021), 90_421],
      [keyOf('cusco', 2021), 90_221],
    ] as const) {
      const { version: v } = await version(key);
      const res = await gql(
        h.server.graphqlUrl,
        `mutation ($input: UpsertIndicatorInput!) { upsertIndicator(input: $input) { indicator { value } } }`,
        { input: { key, value, expectedVersion: v } },
        { authorization: `Bearer ${secondEditorKey}` },
      );
      expect(res.errors).toBeUndefined();
    }

    // The steward, on the table read before, changes Puno 2021: theirs and mine side by side.
    const puno = cell(page, keyOf('puno', 2021));
    await puno.fill('90431');
    await puno.press('Enter');
    const conflict = page.locator('.conflict');
    await conflict.waitFor();
    const compared = await conflict.locator('table').innerText();
    expect(compared).toMatch(/Valor\s*distinto\s+90431\s+90421/);
    await expectAxeClean(page, 'a conflict');
    await conflict.scrollIntoViewIfNeeded();
    await shot(page, 'story-4-conflict');
    await conflict.getByRole('button', { name: 'Guardar la mía encima' }).click();
    await page.locator(`[id="${keyOf('puno', 2021)}-saved"]`).waitFor();
    await expect(version(keyOf('puno', 2021))).resolves.toMatchObject({ value: 90_431 });

    // On Cusco 2021 the steward keeps what the other editor stored.
    const cusco = cell(page, keyOf('cusco', 2021));
    await cusco.fill('90231');
    await cusco.press('Enter');
    await conflict.waitFor();
    await expect(conflict.locator('table').innerText()).resolves.toMatch(/Valor\s*distinto\s+90231\s+90221/);
    await conflict.getByRole('button', { name: 'Quedarme con la guardada' }).click();
    await poll(() => cusco.inputValue()).toBe('90221');
    await expect(conflict.count()).resolves.toBe(0);
    await expect(version(keyOf('cusco', 2021))).resolves.toMatchObject({ value: 90_221 });
    expect(steward.errors).toEqual([]);
  });

  it('signs out: the key is gone from the tab, and a reload asks for it again', async () => {
    const { page } = steward;
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.locator('#key').waitFor();
    await expect(page.locator('.sign-in .notice').innerText()).resolves.toMatch(/Cerró la sesión/);
    await expect(page.evaluate(() => Object.values(sessionStorage).join(' '))).resolves.not.toContain('vigia_');
    await page.reload();
    await page.locator('#key').waitFor();
    await expect(page.locator('.who').count()).resolves.toBe(0);
    expect(steward.errors).toEqual([]);
    await steward.context.close();
  });

  it('an admin creates a key (shown once, copied), which works, then revokes it', async () => {
    const tab = await openConsole(h);
    try {
      const { page } = tab;
      await signIn(page, adminKey);
      await expect(page.locator('.who').innerText()).resolves.toMatch(/Administración de prueba\s+Administración/);
      await page.locator('a[href="#keys"]').click();
      await page.locator('#key-name').fill('Portal regional de prueba');
      await page.getByRole('radio', { name: /^Lectura/ }).check();
      await page.getByRole('button', { name: 'Crear la clave' }).click();
      const shown = page.locator('#created-key');
      await shown.waitFor();
      const key = await shown.inputValue();
      expect(key).toMatch(/^vigia_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
      await page.getByRole('button', { name: 'Copiar' }).click();
      await poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(key);
      await expect(page.locator('.created-key [role="status"]').innerText()).resolves.toBe('Copiada al portapapeles.');
      await expectAxeClean(page, 'the keys screen with a new key');
      await shot(page, 'story-5-key-created');

      // The new key works, with the role chosen.
      const me = await gql(h.server.graphqlUrl, '{ me { name role } }', {}, { authorization: `Bearer ${key}` });
      expect(me.data.me).toEqual({ name: 'Portal regional de prueba', role: 'VIEWER' });

      // Shown once: gone from the page when the admin is done.
      await page.getByRole('button', { name: 'Listo, ya la copié' }).click();
      await expect(page.locator('#created-key').count()).resolves.toBe(0);
      await expect(page.content()).resolves.not.toContain(key);

      // Someone is signed in with it in another browser when it is revoked.
      const holder = await openConsole(h);
      await signIn(holder.page, key);

      const row = page.locator('tr', { hasText: 'Portal regional de prueba' });
      await row.getByRole('button', { name: /^Revocar/ }).click();
      await row.getByRole('button', { name: /^Sí, revocar/ }).click();
      await poll(() => page.locator('tr', { hasText: 'Portal regional de prueba' }).count()).toBe(0);
      const refused = await gql(h.server.graphqlUrl, '{ me { name } }', {}, { authorization: `Bearer ${key}` });
      expect(refused.status).toBe(401);
      // That session ends at its next request, and says why.
      await holder.page.locator('nav a[href="#services"]').click();
      await holder.page.locator('#key').waitFor();
      await expect(holder.page.locator('.sign-in .notice').innerText()).resolves.toMatch(/ya no acepta esta clave \(fue revocada\)/);
      await expect(holder.page.evaluate(() => Object.values(sessionStorage).join(' '))).resolves.not.toContain('vigia_');
      await holder.context.close();
      // The admin's own key cannot be revoked from its own session.
      await expect(page.locator('tr', { hasText: 'Administración de prueba' }).getByRole('button', { name: /^Revocar/ }).count()).resolves.toBe(0);
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });

  it('an admin reads the history: filtered by who, what and when, each change as before and after', async () => {
    const tab = await openConsole(h);
    try {
      const { page } = tab;
      await signIn(page, adminKey);
      await page.locator('a[href="#history"]').click();
      await page.locator('.entry').first().waitFor();
      await expectAxeClean(page, 'the history');
      const entries = page.locator('.entry');
      const filter = () => page.getByRole('button', { name: 'Filtrar' }).click();

      // What: this figure's changes.
      await page.getByLabel('Acción').selectOption('upsertIndicator');
      await page.getByLabel('Clave del objeto').fill(keyOf('puno', 2021));
      await filter();
      await poll(() => page.locator('.count').innerText()).toBe('3 cambios.');
      await expect(entries.count()).resolves.toBe(3);

      // Who (the key's name, exactly) and when (today): the second editor's change.
      await page.getByLabel(/^Clave \(nombre o identificador\)/).fill('Segundo editor de prueba');
      const today = new Date();
      const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
      await page.getByLabel('Desde').fill(iso);
      await page.getByLabel('Hasta').fill(iso);
      await filter();
      await poll(() => page.locator('.count').innerText()).toBe('1 cambio.');
      const entry = entries.first();
      await expect(entry.locator('summary').innerText()).resolves.toMatch(/Segundo editor de prueba\s+Cifra guardada · Cifra\s+trafficking-cases-by-region-puno-2021/);
      await entry.locator('summary').click();
      const valueRow = entry.locator('tr', { has: page.locator('code', { hasText: /^value$/ }) });
      await expect(valueRow.innerText()).resolves.toMatch(/value\s*cambió\s+90401\s+90421/);
      await expectAxeClean(page, 'a history entry opened');
      await shot(page, 'story-6-history-entry', { fullPage: true });

      // Another day: nothing matches (history.test.ts filters a longer log in detail).
      await page.getByLabel('Desde').fill('2020-01-01');
      await page.getByLabel('Hasta').fill('2020-12-31');
      await filter();
      await poll(() => entries.count()).toBe(0);
      await expect(page.locator('.empty').innerText()).resolves.toBe('Ningún cambio coincide con estos filtros.');
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });

  it('a viewer key is offered no writes', async () => {
    const tab = await openConsole(h);
    try {
      const { page } = tab;
      await signIn(page, viewerKey);
      await expect(page.locator('.who').innerText()).resolves.toMatch(/Lectura de prueba\s+Lectura/);
      const nav = await page.locator('nav.nav').innerText();
      expect(nav).not.toMatch(/Importar|Historial|Claves/);
      expect(nav).toMatch(/Su clave es de lectura/);
      for (const screen of ['datasets', `datasets/${DATASET}`, 'services', 'spaces', 'sources']) {
        await page.evaluate((hash) => (location.hash = hash), screen);
        await page.locator('main table.data').first().waitFor();
        await expect(page.locator('main input, main textarea, main select:not(#space-region-filter)').count(), screen).resolves.toBe(0);
        await expect(page.locator('main button', { hasText: /Guardar|Nuevo|Nueva|Editar|Corregir|Cerrar espacio|Reabrir|Eliminar|Agregar/ }).count(), screen).resolves.toBe(0);
        await expectAxeClean(page, `the ${screen} screen for a viewer`);
      }
      // The figures are shown, read-only.
      await page.evaluate((hash) => (location.hash = hash), `datasets/${DATASET}`);
      await poll(() => page.locator('table.figures').innerText()).toMatch(/Puno\s+2021\s+90[.,\s]?431/);
      await shot(page, 'story-7-viewer-read-only');
      // A screen the role may not use, asked for by its address, is not offered: the datasets are.
      await page.evaluate(() => (location.hash = 'import'));
      await poll(() => page.locator('main h1').innerText()).toBe('Conjuntos de datos');
      await page.evaluate(() => (location.hash = 'keys'));
      await poll(() => page.locator('main h1').innerText()).toBe('Conjuntos de datos');
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });
});
