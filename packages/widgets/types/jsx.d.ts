/**
 * JSX types for the Vigía elements in React (17, 18, 19) and other frameworks that read React's
 * JSX namespace. Add once to a project that has @types/react:
 *
 *   /// <reference types="@vigia/widgets/jsx" />
 *
 * (or `import type {} from '@vigia/widgets/jsx';` in any .ts file), then write
 * `<vigia-region-card region="puno" lang="en" />` in TSX.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { VigiaElementAttributes } from './attributes.js';

export type { VigiaCommonAttributes, VigiaElementAttributes } from './attributes.js';

type Props<K extends keyof VigiaElementAttributes> = Omit<DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement>, 'lang'> &
  VigiaElementAttributes[K] & { class?: string };

type VigiaIntrinsicElements = { [K in keyof VigiaElementAttributes]: Props<K> };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends VigiaIntrinsicElements {}
  }
}
