export * from './tables.js';
export * from './workflow.js';
