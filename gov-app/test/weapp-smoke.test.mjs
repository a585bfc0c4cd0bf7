// The weapp build in Node's vm with stub wx/App/Page and no `process` (server/test/platform/weapp-smoke.mjs).
import { defineWeappSmokeTests } from '@jiuzhu/server/testing/weapp-smoke'

defineWeappSmokeTests({ app: new URL('..', import.meta.url) })
