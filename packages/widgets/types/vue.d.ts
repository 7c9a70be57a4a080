/**
 * Vue template types for the Vigía elements (Volar / vue-tsc). Add once:
 *
 *   /// <reference types="@vigia/widgets/vue" />
 *
 * and tell the compiler they are custom elements:
 * `vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('vigia-') } } })`.
 */
import type { DefineComponent } from 'vue';
import type { VigiaElementAttributes } from './attributes.js';

export type { VigiaCommonAttributes, VigiaElementAttributes } from './attributes.js';

declare module 'vue' {
  interface GlobalComponents {
    'vigia-region-card': DefineComponent<VigiaElementAttributes['vigia-region-card']>;
    'vigia-coordination-counter': DefineComponent<VigiaElementAttributes['vigia-coordination-counter']>;
    'vigia-services': DefineComponent<VigiaElementAttributes['vigia-services']>;
    'vigia-indicator': DefineComponent<VigiaElementAttributes['vigia-indicator']>;
    'vigia-training-chart': DefineComponent<VigiaElementAttributes['vigia-training-chart']>;
    'vigia-region-map': DefineComponent<VigiaElementAttributes['vigia-region-map']>;
  }
}
