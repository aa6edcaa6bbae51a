/** The web app's entry point: Pico's styles, ours, and the app shell rendered into #app. */
import '@picocss/pico/css/pico.min.css';
import './styles.css';
import { render } from 'preact';
import { App } from './app';
import { renewToken, session } from './auth/session';
import { webConfig } from './config';

const root = document.getElementById('app');
if (root) render(<App />, root);

// On AWS, renew the ID token in the background while a session is open (auth/cognito.ts).
void webConfig().then(async (config) => {
  if (config.auth.kind !== 'cognito' || !session.value) return;
  const { keepSignedIn } = await import('./auth/cognito');
  keepSignedIn(config.auth, renewToken);
});
