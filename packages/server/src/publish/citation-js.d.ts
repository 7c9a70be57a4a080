// citation-js ships no type declarations: the little Vigía uses of it.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    format(format: 'bibliography', options: { format: 'text' | 'html'; template: string; lang: string }): string;
    format(format: 'bibtex' | 'biblatex', options?: { format: 'text' }): string;
  }
  export const plugins: {
    config: { get(plugin: '@csl'): { locales: { add(name: string, xml: string): void }; templates: { add(name: string, xml: string): void } } };
  };
}
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-bibtex';
