/**
 * The console's other screens and its shape, in Debian's Chromium against the real server on a
 * throw-away SQLite database: service results, coordination spaces (create, correct, a conflict,
 * close with a date and a reason, reopen by an admin) and documents and sources through their
 * forms; the whole console by keyboard with a visible focus; every screen at laptop (1280 px) and
 * tablet (768 px) widths, Spanish and English, light and dark — no sideways scrolling, axe clean,
 * and screenshots into $VIGIA_CONSOLE_SHOTS when it is set (docs/console/).
 * Values typed here are test-only, in a database that is thrown away.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../helpers/graphql.js';
import { expectAxeClean, openConsole, overflowsSideways, poll, shot, signIn, startConsoleHarness, type ConsoleHarness } from './support.js';

let h: ConsoleHarness;
let editorKey: string;
let secondEditorKey: string;
let adminKey: string;

beforeAll(async () => {
  h = await startConsoleHarness();
  [editorKey, secondEditorKey, adminKey] = await Promise.all([
    h.key('Editora de prueba', 'EDITOR'),
    h.key('Segundo editor de prueba', 'EDITOR'),
    h.key('Administración de prueba', 'ADMIN'),
  ]);
}, 120_000);
afterAll(() => h?.close());

async function go(page: Page, hash: string, ready = 'main table.data, main .card, main .empty') {
  await page.evaluate((h) => (location.hash = h), hash);
  await page.locator(ready).first().waitFor();
}

const api = (query: string, variables: Record<string, unknown> = {}, key?: string) =>
  gql(h.server.graphqlUrl, query, variables, key ? { authorization: `Bearer ${key}` } : {});

describe.sequential('forms over the mutations', () => {
  it('service results: a year corrected (the API refusal next to its cell), a year added', async () => {
    const tab = await openConsole(h);
    try {
      const { page } = tab;
      await signIn(page, editorKey);
      await go(page, 'services');
      const rate = page.locator('#s4-2023-executionRate');
      await rate.fill('1185');
      await rate.press('Enter');
      await poll(() => rate.getAttribute('aria-invalid')).toBe('true');
      await expect(page.locator('#s4-2023-executionRate-error').innerText()).resolves.toMatch(/at most 1000/);
      await expectAxeClean(page, 'a refused service result');
      await rate.fill('118.6');
      await page.getByRole('button', { name: /^Guardar\s*: servicio 4, 2023$/ }).click();
      await poll(() => page.locator('section', { hasText: 'Servicio 4' }).locator('.saved').count()).toBe(1);
      const stored = await api('{ service(number: 4) { results { year executionRate version } } }');
      expect(stored.data.service.results).toEqual([{ year: 2023, executionRate: 118.6, version: 2 }]);

      // A year added (test-only figures).
      const service20 = page.locator('section', { hasText: 'Servicio 20' });
      await service20.locator('summary', { hasText: 'Agregar un año' }).click();
      await page.locator('#add-20-year').fill('2024');
      await page.locator('#add-20-achieved').fill('7');
      await page.locator('#add-20-submit').click();
      await poll(() => service20.locator('tbody tr').count()).toBe(2);
      await expect(service20.locator('tbody').innerText()).resolves.toMatch(/2024/);
      const added = await api('{ service(number: 20) { results { year achieved unit } } }');
      expect(added.data.service.results).toContainEqual({ year: 2024, achieved: 7, unit: 'efectivos PNP capacitados' });

      // A year someone else records while the form is being filled in is refused (the console
      // creates with expectedVersion 0), not overwritten: theirs shows in the table.
      await page.locator('#add-20-year').fill('2025');
      await page.locator('#add-20-achieved').fill('8');
      const theirs = await api(
        'mutation ($input: UpsertServiceResultInput!) { upsertServiceResult(input: $input) { created } }',
        { input: { serviceNumber: 20, year: 2025, achieved: 9, sourceKey: 'policy-decentralisation' } },
        secondEditorKey,
      );
      expect(theirs.data.upsertServiceResult.created).toBe(true);
      await page.locator('#add-20-submit').click();
      await poll(() => page.locator('#add-20-year-error').innerText()).toMatch(/El año 2025 ya está registrado/);
      await poll(() => page.locator('#s20-2025-achieved').inputValue()).toBe('9');
      const kept = await api('{ service(number: 20) { results { year achieved version } } }');
      expect(kept.data.service.results).toContainEqual({ year: 2025, achieved: 9, version: 1 });
      await expectAxeClean(page, 'a year someone else just recorded');
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });

  it('coordination spaces: created, corrected through a conflict, closed with a date and reason, reopened by an admin', async () => {
    const tab = await openConsole(h);
    try {
      const { page } = tab;
      await signIn(page, editorKey);
      await go(page, 'spaces');
      await page.getByRole('button', { name: 'Nuevo espacio' }).click();
      const dialog = page.locator('dialog[open]');
      await dialog.waitFor();
      await dialog.getByLabel('Nivel').selectOption('PROVINCIAL');
      await dialog.getByLabel('Región').selectOption('21');
      await dialog.getByLabel(/^Provincia/).fill('Provincia de prueba');
      await dialog.getByLabel('Texto de la fuente').fill('Texto de prueba (test)');
      await dialog.getByLabel('Clave de la fuente').fill('coordination-spaces-five-regions');
      await expectAxeClean(page, 'the new space dialog');
      await dialog.getByRole('button', { name: 'Guardar' }).click();
      await poll(() => page.locator('dialog[open]').count()).toBe(0);
      const row = page.locator('tr[data-space="puno-provincia-de-prueba"]');
      await row.waitFor();

      // Corrected; meanwhile a second editor changed it: both versions, the steward keeps theirs.
      await row.getByRole('button', { name: /^Editar/ }).click();
      await dialog.waitFor();
      await dialog.getByLabel(/^Nombre/).fill('Espacio de prueba corregido');
      const other = await api(
        'mutation ($input: UpdateCoordinationSpaceInput!) { updateCoordinationSpace(input: $input) { coordinationSpace { version } } }',
        { input: { key: 'puno-provincia-de-prueba', locality: 'Localidad de prueba' } },
        secondEditorKey,
      );
      expect(other.errors).toBeUndefined();
      await dialog.getByRole('button', { name: 'Guardar' }).click();
      const conflict = dialog.locator('.conflict');
      await conflict.waitFor();
      const compared = await conflict.locator('table').innerText();
      expect(compared).toMatch(/Nombre\s*distinto\s+Espacio de prueba corregido\s+Espacio de coordinación provincial/);
      expect(compared).toMatch(/Localidad o centro poblado\s*distinto\s+—\s+Localidad de prueba/);
      await expectAxeClean(page, 'a conflict on a space');
      await conflict.getByRole('button', { name: 'Guardar la mía encima' }).click();
      await poll(() => page.locator('dialog[open]').count()).toBe(0);
      const space = async () =>
        (await api('{ coordinationSpaces(regionCode: "puno", first: 100) { edges { node { key name locality isOpen version } } } }')).data.coordinationSpaces.edges
          .map((e: { node: unknown }) => e.node)
          .find((n: { key: string }) => n.key === 'puno-provincia-de-prueba');
      // "Mine" is the form as the steward left it: their locality is replaced by the form's (empty).
      await expect(space()).resolves.toMatchObject({ name: 'Espacio de prueba corregido', locality: null, version: 3 });

      // Closed with a date and a reason.
      await row.getByRole('button', { name: /^Cerrar espacio/ }).click();
      await dialog.waitFor();
      await dialog.getByLabel(/^Cerrado el/).fill('2024-06-30');
      await dialog.getByLabel(/^Motivo/).fill('Cierre de prueba');
      await dialog.getByRole('button', { name: 'Cerrar espacio' }).click();
      await poll(() => page.locator('dialog[open]').count()).toBe(0);
      await expect(space()).resolves.toBeUndefined();
      await page.getByRole('button', { name: /^Cerrados/ }).click();
      await expect(page.locator('tr[data-space="puno-provincia-de-prueba"]').innerText()).resolves.toMatch(/30 jun\.? 2024\s*Cierre de prueba/);
      // Editors do not reopen (admins undo closures).
      await expect(page.locator('tr[data-space="puno-provincia-de-prueba"]').getByRole('button', { name: /^Reabrir/ }).count()).resolves.toBe(0);

      await page.getByRole('button', { name: 'Cerrar sesión' }).click();
      await signIn(page, adminKey);
      await go(page, 'spaces');
      await page.getByRole('button', { name: /^Cerrados/ }).click();
      await page.locator('tr[data-space="puno-provincia-de-prueba"]').getByRole('button', { name: /^Reabrir/ }).click();
      await dialog.waitFor();
      await expect(dialog.innerText()).resolves.toMatch(/Se cerró el 30 jun\.? 2024 \(motivo: Cierre de prueba\)/);
      await dialog.getByRole('button', { name: 'Reabrir' }).click();
      await poll(() => page.locator('dialog[open]').count()).toBe(0);
      await expect(space()).resolves.toMatchObject({ isOpen: true });
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });

  it('a new figure someone else entered meanwhile: both versions shown, theirs not overwritten until the steward chooses', async () => {
    const tab = await openConsole(h);
    try {
      const { page } = tab;
      await signIn(page, editorKey);
      await go(page, 'datasets/nna-victims-attended-upe-2018-2023', 'main table.figures');
      const key = 'nna-victims-attended-upe-cusco-2019';
      await page.locator(`[id="${key}-value"]`).fill('41');
      // Test-only figures, in a database that is thrown away.
      const theirs = await api(
        'mutation ($input: UpsertIndicatorInput!) { upsertIndicator(input: $input) { created } }',
        {
          input: {
            key,
            datasetKey: 'nna-victims-attended-upe-2018-2023',
            label: 'Cifra de prueba (Cusco, 2019)',
            labelEn: 'Test figure (Cusco, 2019)',
            scope: 'REGION',
            regionCode: '08',
            periodStart: '2019-01-01',
            periodEnd: '2019-12-31',
            value: 42,
            expectedVersion: 0,
          },
        },
        secondEditorKey,
      );
      expect(theirs.data.upsertIndicator.created).toBe(true);
      await page.locator(`[id="${key}-save"]`).click();
      const conflict = page.locator('.conflict');
      await conflict.waitFor();
      await expect(conflict.locator('table').innerText()).resolves.toMatch(/Valor\s*distinto\s+41\s+42/);
      const stored = async () => (await api(`{ indicator(key: "${key}") { value version } }`)).data.indicator;
      await expect(stored()).resolves.toEqual({ value: 42, version: 1 });
      await expectAxeClean(page, 'a new figure someone else entered');
      await conflict.getByRole('button', { name: 'Guardar la mía encima' }).click();
      await poll(stored).toEqual({ value: 41, version: 2 });
      // Removed again (admins delete), so that the dataset is pending for the screens below.
      const removed = await api('mutation { deleteIndicator(input: { key: "nna-victims-attended-upe-cusco-2019", expectedVersion: 2 }) { dataset { status } } }', {}, adminKey);
      expect(removed.data.deleteIndicator.dataset.status).toBe('PENDING');
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });

  it('documents and sources: a new document with a source, listed after a reload; a key someone else took; a source corrected', async () => {
    const tab = await openConsole(h);
    try {
      const { page } = tab;
      await signIn(page, editorKey);
      await go(page, 'sources');
      await page.getByRole('button', { name: 'Nuevo documento' }).click();
      const dialog = page.locator('dialog[open]');
      await dialog.getByLabel('Clave', { exact: true }).fill('documento-de-prueba');
      await dialog.getByLabel(/^Título/).fill('Documento de prueba');
      await dialog.getByLabel(/^Publicado por/).fill('Equipo de pruebas');
      await dialog.getByLabel(/^Fecha de publicación/).fill('2025-13');
      await dialog.getByRole('button', { name: 'Guardar' }).click();
      await poll(() => dialog.getByLabel(/^Fecha de publicación/).getAttribute('aria-invalid')).toBe('true');
      await dialog.getByLabel(/^Fecha de publicación/).fill('2025-01');
      await dialog.getByRole('button', { name: 'Guardar' }).click();
      await poll(() => page.locator('dialog[open]').count()).toBe(0);
      const card = page.locator('section.card', { hasText: 'Documento de prueba' });
      await card.waitFor();
      await card.getByRole('button', { name: /^Nueva fuente en este documento/ }).click();
      await dialog.getByLabel('Clave', { exact: true }).fill('fuente-de-prueba');
      await dialog.getByLabel(/^Diapositiva o cuadro/).fill('Cuadro de prueba');
      await dialog.getByRole('button', { name: 'Guardar' }).click();
      await poll(() => page.locator('dialog[open]').count()).toBe(0);
      await poll(() => card.locator('tr[data-source="fuente-de-prueba"]').count()).toBe(1);
      await expectAxeClean(page, 'the documents and sources screen');

      // Nothing cites the new source, and the API lists it: still there after a reload.
      await page.reload();
      await page.locator('tr[data-source="fuente-de-prueba"]').waitFor();
      await expect(page.locator('section.card', { hasText: 'Documento de prueba' }).locator('tr[data-source="fuente-de-prueba"]').innerText()).resolves.toMatch(
        /Cuadro de prueba\s*fuente-de-prueba/,
      );

      // A key someone else takes while the dialog is open: refused (created with expectedVersion
      // 0), named at the key, and theirs is listed; nothing of theirs is overwritten.
      await card.getByRole('button', { name: /^Nueva fuente en este documento/ }).click();
      await dialog.getByLabel('Clave', { exact: true }).fill('otra-fuente-de-prueba');
      await dialog.getByLabel(/^Diapositiva o cuadro/).fill('Mi cuadro de prueba');
      const taken = await api(
        'mutation ($input: UpsertSourceInput!) { upsertSource(input: $input) { created } }',
        { input: { key: 'otra-fuente-de-prueba', documentKey: 'documento-de-prueba', section: 'Su cuadro de prueba', expectedVersion: 0 } },
        secondEditorKey,
      );
      expect(taken.data.upsertSource.created).toBe(true);
      await dialog.getByRole('button', { name: 'Guardar' }).click();
      await poll(() => dialog.getByLabel('Clave', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await expect(dialog.locator('#src-key-error').innerText()).resolves.toMatch(/^Ya existe algo con esta clave/);
      await expectAxeClean(page, 'a source key someone else took');
      await dialog.getByRole('button', { name: 'Cancelar' }).click();
      await poll(() => card.locator('tr[data-source="otra-fuente-de-prueba"]').innerText()).toMatch(/Su cuadro de prueba/);

      // A source the seed cites, corrected.
      await page.locator('tr[data-source="police-training"]').getByRole('button', { name: /^Editar/ }).click();
      await dialog.getByLabel(/^Cita textual/).fill('Cita de prueba');
      await dialog.getByRole('button', { name: 'Guardar' }).click();
      await poll(() => page.locator('dialog[open]').count()).toBe(0);
      await poll(() => page.locator('tr[data-source="police-training"]').innerText()).toMatch(/Cita de prueba/);
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });
});

describe('session', () => {
  it('signs out by itself after 15 minutes without activity, with a warning a minute before', async () => {
    const tab = await openConsole(h, { clock: true });
    try {
      const { page } = tab;
      await signIn(page, editorKey);
      await page.clock.fastForward('14:01');
      const warning = page.locator('.idle-warning');
      await warning.waitFor();
      await expect(warning.innerText()).resolves.toMatch(/la sesión se cerrará en \d+ segundos/);
      // "Stay signed in" counts as activity.
      await warning.getByRole('button', { name: 'Seguir conectado' }).click();
      await expect(warning.count()).resolves.toBe(0);
      await page.clock.fastForward('15:01');
      await page.locator('#key').waitFor();
      await expect(page.locator('.sign-in .notice').innerText()).resolves.toMatch(/tras 15 minutos sin actividad/);
      await expect(page.evaluate(() => Object.values(sessionStorage).join(' '))).resolves.not.toContain('vigia_');
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });

});

describe('keyboard', () => {
  it('signs in, moves between screens and saves a figure by keyboard alone, the focus always visible', async () => {
    const tab = await openConsole(h);
    try {
      const { page } = tab;
      const focused = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          return { id: el.id, tag: el.localName, text: (el.textContent ?? '').trim().slice(0, 40), visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
        });
      /** Tabs forward until `match` holds, checking every stop shows where the focus is. */
      const tabTo = async (match: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 40) => {
        for (let i = 0; i < max; i++) {
          await page.keyboard.press('Tab');
          const f = await focused();
          expect(f.visible, `focus visible on ${f.tag}#${f.id} "${f.text}"`).toBe(true);
          if (match(f)) return f;
        }
        throw new Error('never reached');
      };
      await tabTo((f) => f.id === 'key');
      await page.keyboard.type(editorKey);
      await page.keyboard.press('Enter');
      await page.locator('.who-name').waitFor();
      await tabTo((f) => f.tag === 'a' && f.text.startsWith('Casos de trata'));
      await page.keyboard.press('Enter');
      await page.locator('table.figures').waitFor();
      const input = await tabTo((f) => f.id.endsWith('-value'));
      await page.keyboard.type('90999');
      await page.keyboard.press('Enter');
      await page.locator(`[id="${input.id.replace(/-value$/, '-saved')}"]`).waitFor();
      // Back to the navigation with Shift+Tab, and on to the services.
      for (let i = 0; i < 40 && !(await focused()).text.startsWith('Resultados de servicios'); i++) await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      await poll(() => page.locator('main h1').innerText()).toBe('Resultados de servicios');
      await poll(() => page.evaluate(() => document.activeElement?.localName)).toBe('h1');
      // The language switch is a pair of buttons; what was typed and not saved stays.
      await page.locator('#s20-2023-achieved').fill('2606');
      await page.getByRole('button', { name: 'English' }).focus();
      await page.keyboard.press('Enter');
      await poll(() => page.locator('main h1').innerText()).toBe('Service results');
      await poll(() => page.locator('#s20-2023-achieved').inputValue()).toBe('2606');
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });
});

describe('every screen at laptop and tablet widths, es and en, light and dark', () => {
  const SCREENS = [
    { hash: 'datasets', name: 'datasets' },
    { hash: 'datasets/trafficking-cases-by-region-2021-2023', name: 'dataset-pending' },
    { hash: 'datasets/police-officers-trained-2021-2023', name: 'dataset-published' },
    { hash: 'services', name: 'services' },
    { hash: 'spaces', name: 'spaces' },
    { hash: 'sources', name: 'sources' },
    { hash: 'import', name: 'import', ready: 'main #import-file' },
    { hash: 'history', name: 'history', ready: 'main .entry' },
    { hash: 'keys', name: 'keys' },
  ];
  for (const width of [1280, 768]) {
    for (const lang of ['es', 'en'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        it(`${width} px, ${lang}, ${colorScheme}: fits, axe clean`, { timeout: 120_000 }, async () => {
          const tab = await openConsole(h, { width, height: width === 768 ? 1024 : 900, colorScheme });
          const tag = `${width}-${lang}-${colorScheme}`;
          // docs/console/ shows each width, language and scheme: Spanish in light, English in dark.
          const documented = (lang === 'es') === (colorScheme === 'light');
          try {
            const { page } = tab;
            if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
            expect(await overflowsSideways(page), 'sign-in').toBe(false);
            await expectAxeClean(page, `sign-in ${tag}`);
            if (documented) await shot(page, `sign-in-${tag}`);
            await signIn(page, adminKey);
            for (const screen of SCREENS) {
              await go(page, screen.hash, screen.ready);
              if (screen.name === 'history') await page.locator('.entry summary').first().click();
              expect(await overflowsSideways(page), `${screen.name} ${tag}`).toBe(false);
              await expectAxeClean(page, `${screen.name} ${tag}`);
              if (documented) await shot(page, `${screen.name}-${tag}`);
            }
            expect(tab.errors).toEqual([]);
          } finally {
            await tab.context.close();
          }
        });
      }
    }
  }
});
