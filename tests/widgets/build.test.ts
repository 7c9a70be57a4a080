/**
 * What `pnpm --filter @vigia/widgets build` delivers, and the bundle budget: the one-script
 * bundle, Lit included, within 25 kB minified and gzipped; the persisted-operations manifest
 * whose hashes the bundles embed (tests/widgets/persisted.test.ts checks it against a real page).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TAGS } from './support.js';

const dist = (path: string) => fileURLToPath(new URL(`../../packages/widgets/dist/${path}`, import.meta.url));
const BUDGET = 25_000;

describe('@vigia/widgets build', () => {
  it('keeps dist/vigia-widgets.js (Lit included) within the 25 kB min+gzip budget', () => {
    const code = readFileSync(dist('vigia-widgets.js'));
    const gzip = gzipSync(code, { level: 9 }).length;
    expect(gzip, `min+gzip ${gzip} B`).toBeLessThanOrEqual(BUDGET);
    // It is the minified IIFE, self-contained: no import statements left for a plain <script>.
    expect(code.toString()).toMatch(/^var VigiaWidgets=\(function/);
    expect(code.toString()).not.toMatch(/\bimport\s*[{(*"']/);
  });

  it('writes brotli and gzip copies that a server sends as they are, the script within budget as sent', () => {
    const code = readFileSync(dist('vigia-widgets.js'));
    const br = readFileSync(dist('vigia-widgets.js.br'));
    const gz = readFileSync(dist('vigia-widgets.js.gz'));
    expect(brotliDecompressSync(br).equals(code)).toBe(true);
    expect(gunzipSync(gz).equals(code)).toBe(true);
    expect(br.length, `brotli ${br.length} B`).toBeLessThanOrEqual(BUDGET);
    expect(gz.length, `gzip ${gz.length} B`).toBeLessThanOrEqual(BUDGET);
    for (const tag of TAGS) expect(existsSync(dist(`esm/${tag}.js.br`)), tag).toBe(true);
  });

  it('writes per-element ES modules, type declarations and the gallery', () => {
    for (const tag of TAGS) {
      expect(existsSync(dist(`esm/${tag}.js`)), tag).toBe(true);
      // types/<tag>.d.ts re-exports the element's folder, whose declaration registers the tag.
      expect(readFileSync(dist(`types/${tag}.d.ts`), 'utf8')).toContain(`./${tag}/${tag}.js`);
      expect(readFileSync(dist(`types/${tag}/${tag}.d.ts`), 'utf8')).toContain(`'${tag}':`);
    }
    // index.js and each element's entry share one module per element (registered once).
    const index = readFileSync(dist('esm/index.js'), 'utf8');
    for (const tag of TAGS) {
      const chunk = /from "\.\/(chunks\/vigia-[\w-]+\.js)"/.exec(readFileSync(dist(`esm/${tag}.js`), 'utf8'))?.[1];
      expect(chunk, tag).toBeDefined();
      expect(index, tag).toContain(`"./${chunk}"`);
      // Bundlers get Lit as a shared dependency, not a second copy.
      expect(readFileSync(dist(`esm/${chunk}`), 'utf8'), tag).toMatch(/from "lit"/);
    }
    const gallery = readFileSync(dist('index.html'), 'utf8');
    expect(gallery).toContain('<script src="./vigia-widgets.js"></script>');
    expect(readFileSync(dist('demo.html'), 'utf8')).toContain('<script src="./vigia-widgets.js"></script>');
    for (const f of ['jsx.d.ts', 'vue.d.ts', 'attributes.d.ts']) expect(existsSync(dist(`types/${f}`)), f).toBe(true);
    for (const tag of TAGS) expect(gallery).toContain(`<${tag}`);
  });

  it('writes dist/persisted-operations.json and embeds each of its hashes in the bundle and the ES modules', () => {
    const manifest = JSON.parse(readFileSync(dist('persisted-operations.json'), 'utf8')) as Record<string, string>;
    const hashes = Object.keys(manifest);
    expect(hashes.length).toBeGreaterThan(0);
    const bundle = readFileSync(dist('vigia-widgets.js'), 'utf8');
    const esm = readdirSync(dist('esm'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(dist(`esm/${f}`), 'utf8'))
      .join('\n');
    for (const hash of hashes) {
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(bundle, manifest[hash]).toContain(hash);
      expect(esm, manifest[hash]).toContain(hash);
    }
    // The browser never hashes (crypto.subtle is missing on plain-http pages).
    expect(bundle).not.toMatch(/crypto\.subtle|\.digest\(/);
  });

  it('describes every element in custom-elements.json, with attributes, parts and custom properties', () => {
    const manifest = JSON.parse(readFileSync(dist('custom-elements.json'), 'utf8'));
    const elements = manifest.modules.flatMap((m: { path: string; declarations?: unknown[] }) =>
      (m.declarations ?? []).map((d) => ({ ...(d as object), path: m.path })),
    ) as { tagName?: string; path: string; attributes?: { name: string }[]; cssParts?: unknown[] }[];
    for (const tag of TAGS) {
      const el = elements.find((e) => e.tagName === tag);
      expect(el, tag).toBeDefined();
      expect(el!.path).toBe(`esm/${tag}.js`);
      const attributes = el!.attributes!.map((a) => a.name);
      expect(attributes).toEqual(expect.arrayContaining(['endpoint', 'lang', 'heading-level']));
      expect(attributes).not.toContain('state');
      expect(el!.cssParts!.length).toBeGreaterThan(5);
    }
    // Every --vigia-* property and every shared part, on every element (they inherit them).
    const props = ['font', 'font-label', 'color-text', 'color-background', 'color-muted', 'color-border', 'color-accent', 'color-bar', 'color-error', 'color-skeleton', 'radius', 'space', 'figure-size', 'min-height'].map((p) => `--vigia-${p}`);
    for (const tag of TAGS) {
      const el = elements.find((e) => e.tagName === tag)! as { cssProperties?: { name: string }[]; cssParts?: { name: string }[]; attributes?: { name: string }[] };
      expect(el.cssProperties!.map((p) => p.name).sort(), tag).toEqual([...props].sort());
      expect(el.cssParts!.map((p) => p.name), tag).toEqual(expect.arrayContaining(['card', 'title', 'subtitle', 'graphic', 'footer', 'source', 'notes', 'link', 'skeleton', 'error', 'retry']));
      expect(el.attributes!.map((a) => a.name), tag).toEqual(expect.arrayContaining(['theme', 'detail']));
    }
    const card = elements.find((e) => e.tagName === 'vigia-region-card')!;
    expect(card.attributes!.map((a) => a.name)).toContain('region');
    const counter = elements.find((e) => e.tagName === 'vigia-coordination-counter')!;
    expect(counter.attributes!.map((a) => a.name)).toEqual(expect.arrayContaining(['region', 'level']));
  });
});
