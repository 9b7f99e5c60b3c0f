// `startSimulatorServer`: the Kaspi QR API simulator as a real HTTP(S) server on 127.0.0.1, for the
// `kassa simulator` command, integration tests and benchmarks. With TLS it presents a certificate
// from its own CA; for r2/r3 (or all schemes at once) it demands a client certificate from that CA
// during the handshake (`requestCert` + `rejectUnauthorized`), like Kaspi's mutual TLS. r1 over TLS
// needs no client certificate (Api-Key only), like Kaspi's r1 port.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Scheme } from './simulator-auth.js';
import { SimulatorControl } from './simulator-control.js';
import { createRequestHandler } from './simulator-handler.js';
import { createSimState, type SimStateOptions } from './simulator-state.js';
import { generateTestPki, type ClientCertOptions, type TestPki } from './test-pki.js';

export interface SimulatorServerOptions extends SimStateOptions {
  /** 0 (default) = any free port. The server always binds 127.0.0.1. */
  port?: number;
  /** Serve only this scheme (and set TLS client-certificate policy from it); undefined = all three. */
  scheme?: Scheme;
  /** HTTPS with a PKI generated in (or reused from) caDir. */
  tls?: { caDir: string; client?: ClientCertOptions };
  /** One line per request (method, path, outcome). */
  log?: (line: string) => void;
}

export interface SimulatorServer {
  /** "http://127.0.0.1:PORT" or "https://127.0.0.1:PORT" (no scheme prefix). */
  url: string;
  port: number;
  scheme: Scheme | null;
  /** The CA to trust (plays kbs_root_ca.crt), with TLS. */
  caCertPem?: string;
  /** The generated files (client.p12 etc.), with TLS. */
  pki?: TestPki;
  /** True when the TLS handshake demands a client certificate. */
  clientCertRequired: boolean;
  control: SimulatorControl;
  close(): Promise<void>;
}

export async function startSimulatorServer(options: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const state = createSimState(options);
  const control = new SimulatorControl(state);
  const handler = createRequestHandler(state, control, { scheme: options.scheme, log: options.log });
  const scheme = options.scheme ?? null;

  let server: Server;
  let pki: TestPki | undefined;
  let clientCertRequired = false;
  if (options.tls) {
    pki = generateTestPki(options.tls.caDir, options.tls.client);
    clientCertRequired = scheme !== 'r1';
    server = createHttpsServer(
      {
        key: pki.serverKeyPem,
        cert: pki.serverCertPem,
        ca: [pki.caCertPem],
        requestCert: clientCertRequired,
        rejectUnauthorized: clientCertRequired,
        // Kaspi's mutual TLS is TLS 1.2 (KASPI_QR_API.md §3): a refused client certificate ends the
        // handshake, before any request is sent (under 1.3 it would come after, as a reset).
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.2',
      },
      handler,
    );
  } else {
    server = createHttpServer(handler);
  }
  // A handshake refused for a missing/foreign client certificate is the client's problem, not ours.
  server.on('tlsClientError', (error) => options.log?.(`TLS handshake refused: ${error.message}`));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | null = null;
  return {
    url: `${pki ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    scheme,
    caCertPem: pki?.caCertPem,
    pki,
    clientCertRequired,
    control,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
