// The framework-free client of both apps: API types, the session store over a key/value storage and the
// request client over a transport (token refresh, retry, Chinese errors). Each app adapts it to Taro.
export type { ApiErrorBody, AuthResult, Me, MeBinding } from './api-types.js';
export type { TicketDetail, TicketPerson, TicketReply, TicketStatus, TicketSummary } from './tickets.js';
export {
  ApiError,
  LOGIN_AGAIN_MESSAGE,
  NETWORK_UNAVAILABLE_MESSAGE,
  UNKNOWN_ERROR_MESSAGE,
  apiErrorOf,
  isApiErrorBody,
  networkError,
} from './api-error.js';
export { SESSION_KEYS, createSessionStore, pageUrl } from './session-store.js';
export type { KeyValueStorage, SessionStore, SessionStoreOptions, SessionTokens } from './session-store.js';
export { createApiClient } from './api-client.js';
export type {
  ApiClient,
  ApiClientOptions,
  HttpMethod,
  RequestOptions,
  Transport,
  TransportRequest,
  TransportResponse,
} from './api-client.js';
