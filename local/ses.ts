/**
 * The SES v2 emulator (aws-ses-v2-local), in process. It accepts SESv2 SendEmail calls from the
 * AWS SDK and shows what was sent in a mail viewer at its root URL.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import startSesServer from 'aws-ses-v2-local';

export interface SesLocal {
  readonly endpoint: string;
  readonly port: number;
  /** The mail viewer, in a browser. */
  readonly viewerUrl: string;
  stop(): Promise<void>;
}

export async function startSesLocal(options: {
  readonly port: number;
  readonly host?: string;
}): Promise<SesLocal> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = await startSesServer({ host, port: options.port });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://${host}:${port}`;
  return {
    endpoint,
    port,
    viewerUrl: `${endpoint}/`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
