// `kassa simulator` as a process: the printed base URL, flags (TLS files, --fault, --api-key, timers),
// usage errors and a clean stop on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.js';
import { call } from './sim-http.js';

const CLI = resolve(import.meta.dirname, '../../../main/simulator-cli.ts');
const ENTRY = `import(${JSON.stringify(CLI)}).then((m) => m.runSimulatorCli(JSON.parse(process.env.SIM_ARGS))).then((code) => { if (code >= 0) process.exit(code); })`;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', ENTRY], {
    env: { ...process.env, SIM_ARGS: JSON.stringify(args) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  const url = new Promise<string>((resolveUrl, reject) => {
    child.stdout!.on('data', () => {
      const m = /^simulator: (\S+)$/m.exec(stdout);
      if (m) resolveUrl(m[1]!);
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  url.catch(() => undefined);
  return { child, url, exited, out: () => stdout, err: () => stderr };
}

describe('kassa simulator', () => {
  it('prints exactly one line "simulator: http://127.0.0.1:PORT", applies --fault and stops on SIGTERM', async () => {
    const sim = run(['--port', '0', '--fault', 'qr/create,status=-999,times=1', '--scan-timeout', '30', '--quiet']);
    const url = await sim.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.out()).toBe(`simulator: ${url}\n`);
    const reg = await call(url, '/r1/v01/device/register', { apiKey: 'test_cli', body: { DeviceId: 'CLI', TradePointId: 4200001 } });
    const token = reg.json.Data.DeviceToken;
    expect((await call(url, '/r1/v01/qr/create', { apiKey: 'test_cli', body: { DeviceToken: token, Amount: 10 } })).json.StatusCode).toBe(-999);
    const created = await call(url, '/r1/v01/qr/create', { apiKey: 'test_cli', body: { DeviceToken: token, Amount: 10 } });
    expect(created.json.Data.QrPaymentBehaviorOptions.QrCodeScanWaitTimeout).toBe(30);
    sim.child.kill('SIGTERM');
    expect(await sim.exited).toBe(0);
  }, 20_000);

  it('--tls --ca-dir makes the certificates and demands the client certificate for r2', async () => {
    const { dir, cleanup } = tempDir('kassa-sim-cli-');
    try {
      const sim = run(['--port', '0', '--scheme', 'r2', '--tls', '--ca-dir', dir, '--api-key', 'unused']);
      const url = await sim.url;
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      for (const f of ['kaspi-ca.crt', 'server.crt', 'server.key', 'client.p12', 'client.p12.pass']) expect(existsSync(join(dir, f))).toBe(true);
      expect(statSync(join(dir, 'client.p12.pass')).mode & 0o777).toBe(0o600);
      const tls = {
        pfx: readFileSync(join(dir, 'client.p12')),
        passphrase: readFileSync(join(dir, 'client.p12.pass'), 'utf8').trim(),
        ca: readFileSync(join(dir, 'kaspi-ca.crt'), 'utf8'),
      };
      expect((await call(url, '/r2/v01/health/ping', { tls })).json.StatusCode).toBe(0);
      await expect(call(url, '/r2/v01/health/ping', { tls: { ca: tls.ca } })).rejects.toThrow();
      expect(sim.err()).toContain('client.p12');
      sim.child.kill('SIGINT');
      expect(await sim.exited).toBe(0);
    } finally {
      cleanup();
    }
  }, 30_000);

  it.each([
    [['--scheme', 'r9']],
    [['--tls']],
    [['--port', 'abc']],
    [['--fault', 'qr/create,explode=1']],
    [['--fault', 'qr/create,status']],
    [['--auto-pay', 'soon']],
    [['--scan-timeout', '0']],
    [['--no-such-flag']],
  ])('usage error %j exits with 2', async (args) => {
    const sim = run(args);
    expect(await sim.exited).toBe(2);
    expect(sim.err()).toMatch(/kassa simulator: /);
  }, 20_000);

  it('--help prints the usage and exits 0', async () => {
    const sim = run(['--help']);
    expect(await sim.exited).toBe(0);
    expect(sim.out()).toContain('kassa simulator [--port N]');
  }, 20_000);
});
