import { httpHandler } from '../http/http-handler';

/** GET /api/me: the caller as the API understands them (the web app shows it). */
export const handler = httpHandler({}, async ({ principal }) => ({
  statusCode: 200,
  body: principal,
}));
