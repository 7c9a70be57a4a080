/**
 * Vigía widgets: importing this module (or loading `vigia-widgets.js`, which is this module
 * bundled with Lit) registers every `vigia-*` element.
 */
export { VigiaRegionCard } from './vigia-region-card.js';
export { VigiaCoordinationCounter } from './vigia-coordination-counter.js';
export { VigiaServices } from './vigia-services.js';
export { VigiaIndicator } from './vigia-indicator.js';
export { VigiaTrainingChart, TRAINING_DATASET } from './vigia-training-chart.js';
export { VigiaRegionMap } from './vigia-region-map.js';
export { VigiaElement } from './base.js';
export { VigiaClient, clientFor, RequestError, type Call, type Operation, type Variables } from './client.js';
export { registerLocale, type Messages } from './i18n.js';
