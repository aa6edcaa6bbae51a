import { publicHttpHandler } from '../http/http-handler';

/** GET /api/health: answers as long as the API and its functions run. */
export const handler = publicHttpHandler({}, async () => ({
  statusCode: 200,
  body: { status: 'ok', service: 'retorno' },
}));
