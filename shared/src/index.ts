export * from './enums/index.js';
export * from './workflow/index.js';
export * from './validation/index.js';
export * from './masking/index.js';
export * from './client/index.js';
export * from './consent/index.js';
