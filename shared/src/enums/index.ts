export * from './role.js';
export * from './region.js';
export * from './household.js';
export * from './member.js';
export * from './case.js';
export * from './ticket.js';
export * from './exchange.js';
export * from './label.js';
