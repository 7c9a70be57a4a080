/**
 * Vigía widgets: importing this module (or loading `vigia-widgets.js`, which is this module
 * bundled with Lit) registers every `vigia-*` element.
 */
export { VigiaRegionCard } from './vigia-region-card/vigia-region-card.js';
export { VigiaCoordinationCounter } from './vigia-coordination-counter/vigia-coordination-counter.js';
export { VigiaServices } from './vigia-services/vigia-services.js';
export { VigiaIndicator } from './vigia-indicator/vigia-indicator.js';
export { VigiaTrainingChart, TRAINING_DATASET } from './vigia-training-chart/vigia-training-chart.js';
export { VigiaRegionMap } from './vigia-region-map/vigia-region-map.js';
export { VigiaElement, type View } from './base.js';
export { VigiaClient, clientFor, RequestError, type Call, type Operation, type Variables } from './client.js';
export { registerLocale, type Messages } from './i18n.js';
