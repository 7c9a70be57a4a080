/**
 * Custom Elements Manifest analyzer settings (`cem analyze`, run by scripts/build.mjs).
 * The manifest describes the published ES modules, so module paths point at dist/esm.
 */
export default {
  globs: ['src/**/*.ts'],
  // The gallery's embed builder is a page script, not part of the package.
  exclude: ['src/locales/**', 'src/builder/**'],
  outdir: 'dist',
  litelement: true,
  // package.json already names the manifest; the build must not rewrite tracked files.
  packagejson: false,
  plugins: [
    {
      name: 'vigia-dist-paths',
      packageLinkPhase({ customElementsManifest }) {
        // An element's folder (src/vigia-x/vigia-x.ts) is one ES module (esm/vigia-x.js).
        const toDist = (path) => path.replace(/^src\/(?:(vigia-[\w-]+)\/\1|(.*))\.ts$/, (_, el, other) => `esm/${el ?? other}.js`);
        // Every element inherits VigiaElement's attributes, parts and custom properties: list them on each.
        const baseDecl = customElementsManifest.modules
          .flatMap((m) => m.declarations ?? [])
          .find((d) => d.name === 'VigiaElement');
        for (const mod of customElementsManifest.modules ?? []) {
          mod.path = toDist(mod.path);
          // Lit's internal reactive state (\`state: true\`) has no attribute.
          for (const decl of mod.declarations ?? []) {
            if (decl.attributes) decl.attributes = decl.attributes.filter((a) => a.fieldName !== 'state');
            if (decl.tagName && baseDecl) {
              for (const key of ['attributes', 'cssParts', 'cssProperties']) {
                const own = decl[key] ?? [];
                const names = new Set(own.map((x) => x.name));
                decl[key] = [...own, ...(baseDecl[key] ?? []).filter((x) => !names.has(x.name) && x.fieldName !== 'state')];
              }
            }
          }
          for (const item of [...(mod.exports ?? []), ...(mod.declarations ?? [])]) {
            if (item.declaration?.module) item.declaration.module = toDist(item.declaration.module);
            if (item.superclass?.module) item.superclass.module = toDist(item.superclass.module);
          }
        }
      },
    },
  ],
};
