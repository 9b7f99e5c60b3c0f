// A network failure is no TLS failure, and so never Kaspi refusing the till: a connection reset before
// Kaspi said a word of the handshake (a proxy or load balancer restarting), or a host name that does not
// resolve — also one with "cert" in it, as Kaspi's r3 host has. Real KaspiClient, real sockets.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KaspiClient } from '../../../main/services/kaspi/kaspi-client.js';
import type { KaspiError } from '../../../main/services/kaspi/kaspi-port.js';
import { clientConfig, startSim } from '../../helpers/kaspi-sim.js';
import { testHarness, type Harness } from '../../helpers/payments-harness.js';
import { perTest } from '../../helpers/per-test.js';
import { waitFor } from '../../helpers/wait-for.js';

const t = perTest();
let h: Harness;
let server: net.Server | null = null;
afterEach(() => server?.close());

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: KaspiError) => `${error.kind}/${error.message}`);

describe('network failures are not TLS failures', () => {
  it('connections reset before the handshake: "no connection", never "Kaspi refuses this till"', async () => {
    server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const sim = t.closing(await startSim('r2', `${t.dir}/pki`));
    const client = t.closing(new KaspiClient(clientConfig(sim, 'r2', { baseUrl: `https://127.0.0.1:${port}`, deviceToken: 'dev' })));
    const errors: string[] = [];
    h = testHarness(t, {
      mode: () => 'live',
      kaspi: () => ({
        createQr: async (r) => client.createQr(r).catch((e: KaspiError) => Promise.reject((errors.push(`${e.kind}/${e.message}`), e))),
        ping: async () => client.ping().catch((e: KaspiError) => Promise.reject((errors.push(`${e.kind}/${e.message}`), e))),
      }),
    });
    expect(await h.payments.charge(1000, null)).toMatchObject({ status: 'failed', errorCode: 'kaspi_unavailable' });
    await h.clock.advance(20_000);
    await waitFor(() => errors.length >= 2);
    expect(errors.slice(0, 2)).toEqual(['unavailable/network', 'unavailable/network']);
    expect(h.payments.connectionState()).toMatchObject({ online: false, refused: false });
  });

  it('a host that does not resolve, "cert" in its name or not, is the network', async () => {
    const sim = t.closing(await startSim('r3', `${t.dir}/pki`));
    for (const host of ['qrapi-cert-ip.kaspi.invalid', 'qrapi.kaspi.invalid']) {
      const client = t.closing(new KaspiClient(clientConfig(sim, 'r3', { baseUrl: `https://${host}:8543`, deviceToken: 'dev' })));
      expect(await failure(client.ping())).toBe('unavailable/network');
    }
  });
});
