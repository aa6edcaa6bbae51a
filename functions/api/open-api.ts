import { buildOpenApiDocument } from '../../shared/openapi';
import { publicHttpHandler } from '../http/http-handler';

// Built once per sandbox: the document depends only on the contracts bundled with this function.
const document = buildOpenApiDocument();

/** GET /api/openapi.json: the OpenAPI 3.1 document, generated from the zod contracts (public). */
export const handler = publicHttpHandler({}, async () => ({
  statusCode: 200,
  body: document,
  headers: { 'cache-control': 'public, max-age=300' },
}));
