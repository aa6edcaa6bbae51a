import { buildOpenApiDocument } from '../../shared/openapi';
import { publicHttpHandler } from '../http/http-handler';
import '../runtime/build-time';

// The document depends only on the contracts this function is built with: generated when it is
// built (about 100 ms of zod-to-openapi at every cold start otherwise), or here from source.
const document = globalThis.RETORNO_BUILT
  ? (globalThis.RETORNO_OPENAPI_DOCUMENT as object)
  : buildOpenApiDocument();

/** GET /api/openapi.json: the OpenAPI 3.1 document, generated from the zod contracts (public). */
export const handler = publicHttpHandler({}, async () => ({
  statusCode: 200,
  body: document,
  headers: { 'cache-control': 'public, max-age=300' },
}));
