export * from './resident-id.js';
export * from './disability-certificate.js';
export * from './id-number.js';
export * from './mobile.js';
