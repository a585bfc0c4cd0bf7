import { join } from 'node:path';
import { repositoryRoot } from '../common/paths.js';

/** The committed OpenAPI document (docs/openapi.json), written by `npm run openapi -w server`. */
export const openApiFile = () => join(repositoryRoot(), 'docs', 'openapi.json');
export const serializeOpenApi = (doc: unknown) => JSON.stringify(doc, null, 2) + '\n';
