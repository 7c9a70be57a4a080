/**
 * Custom Elements Manifest analyzer settings (`cem analyze`, run by scripts/build.mjs).
 * The manifest describes the published ES modules, so module paths point at dist/esm.
 */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/locales/**'],
  outdir: 'dist',
  litelement: true,
  // package.json already names the manifest; the build must not rewrite tracked files.
  packagejson: false,
  plugins: [
    {
      name: 'vigia-dist-paths',
      packageLinkPhase({ customElementsManifest }) {
        const toDist = (path) => path.replace(/^src\/(.*)\.ts$/, 'esm/$1.js');
        for (const mod of customElementsManifest.modules ?? []) {
          mod.path = toDist(mod.path);
          // Lit's internal reactive state (\`state: true\`) has no attribute.
          for (const decl of mod.declarations ?? []) {
            if (decl.attributes) decl.attributes = decl.attributes.filter((a) => a.fieldName !== 'state');
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
