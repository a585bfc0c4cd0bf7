import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  ip?: string;
}

/** Set by a Fastify onRequest hook in main.ts; read by the audit service and the logger. */
export const requestContext = new AsyncLocalStorage<RequestContext>();
export const currentRequestId = (): string | null => requestContext.getStore()?.requestId ?? null;
