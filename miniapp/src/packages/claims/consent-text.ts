import { CLAIM_CONSENT } from '@jiuzhu/shared/consent'

/**
 * The 承诺授权书 a requester accepts: one text in shared/ for the app and the server (which serves it at
 * GET /api/v1/claims/consent and refuses a version it does not know). Sent with the request as `consentVersion`.
 */
export const CONSENT = CLAIM_CONSENT
