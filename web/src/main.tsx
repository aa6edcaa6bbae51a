/** The web app's entry point: Pico's styles, ours, and the app shell rendered into #app. */
import '@picocss/pico/css/pico.min.css';
import './styles.css';
import { render } from 'preact';
import { App } from './app';

const root = document.getElementById('app');
if (root) render(<App />, root);
