export * from './forward.js';
export * from './instrument-service.js';
export * from './metrics.js';
export * from './prometheus.js';
