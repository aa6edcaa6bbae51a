/** `npm run local:clock -- 30d`: moves the running local cloud's clock forward; no argument shows it. */
import { readLocalSettings } from './local-config';

const settings = readLocalSettings();
const base = `http://${settings.host}:${settings.apiPort}/local/clock`;
const advance = process.argv[2];

(async () => {
  const response = advance
    ? await fetch(base, { method: 'POST', body: JSON.stringify({ advance }) })
    : await fetch(base);
  const body = (await response.json()) as { now?: string; message?: string };
  if (!response.ok) {
    console.error(body.message ?? `the local cloud answered ${response.status}`);
    process.exit(1);
  }
  console.log(`local time is now ${body.now}`);
})().catch((error: unknown) => {
  console.error(`could not reach the local cloud at ${base} (is npm start running?): ${String(error)}`);
  process.exit(1);
});
