/**
 * The web app's entry point. Until the request form, timeline, inbox and fund dashboard land, it
 * shows whether the API answers, from the address in /config.json (written next to the app on
 * AWS) or, locally, the same origin.
 */
interface WebConfig {
  readonly apiUrl?: string;
}

async function apiBase(): Promise<string> {
  try {
    const response = await fetch('/config.json', { headers: { accept: 'application/json' } });
    if (!response.ok || !response.headers.get('content-type')?.includes('json')) return '';
    const config = (await response.json()) as WebConfig;
    return (config.apiUrl ?? '').replace(/\/$/, '');
  } catch {
    return '';
  }
}

async function showApiStatus(target: HTMLElement): Promise<void> {
  const base = await apiBase();
  try {
    const response = await fetch(`${base}/api/health`);
    const body = (await response.json()) as { status?: string };
    target.textContent =
      response.ok && body.status === 'ok' ? 'API: available' : `API: answered ${response.status}`;
  } catch {
    target.textContent = 'API: not reachable';
  }
}

const statusElement = document.querySelector<HTMLElement>('#api-status');
if (statusElement) void showApiStatus(statusElement);
