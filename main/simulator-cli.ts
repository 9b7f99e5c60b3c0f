// `kassa simulator`: a local Kaspi QR API on 127.0.0.1 (see main/services/kaspi/simulator/). Prints
// `simulator: <base URL>` on stdout, details and one line per request on stderr; runs until Ctrl+C.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Scheme } from './services/kaspi/simulator/simulator-auth.js';
import { parseFaultSpec, type FaultRule } from './services/kaspi/simulator/simulator-faults.js';
import { startSimulatorServer } from './services/kaspi/simulator/simulator-server.js';

export const SIMULATOR_USAGE = `Usage:
  kassa simulator [--port N] [--scheme r1|r2|r3] [--tls --ca-dir DIR] [--api-key KEY]
                  [--poll S] [--scan-timeout S] [--confirm-timeout S] [--return-timeout S]
                  [--auto-pay SCAN_S,CONFIRM_S] [--fault SPEC]... [--quiet]

  --port N            default: Kaspi's test ports 8543 (r1 or all schemes), 8544 (r2), 8545 (r3); 0 = any
  --scheme S          serve only /S/...; without it /r1, /r2 and /r3 are all served
  --tls --ca-dir DIR  HTTPS; CA, server and client certificates are made in DIR (or reused):
                      kaspi-ca.crt, client.p12 + client.p12.pass. r2/r3 (or all) demand the client certificate
  --api-key KEY       r1 accepts exactly KEY (default: any key starting with test_); repeatable
  --auto-pay 3,5      every new purchase is scanned after 3 s and confirmed 5 s later
  --fault SPEC        ROUTE[,key=value...]: keys times, delay (ms), status (StatusCode), http (5xx),
                      body (html|envelope|empty), malformed, drop, stage (before|after), method, message
                      e.g. "qr/create,status=-999,times=2"  "payment/status/*,delay=3000"
                           "qr/create,drop,stage=after,times=1"  "**,http=503"
  Control (loopback, no auth): POST /_sim/faults, GET /_sim/purchases[/ID], POST /_sim/reset,
  POST /_sim/auto-pay, POST /_sim/clock {"advanceMs":N}; buyer hooks POST /rN/v01/test/payment/{scan,confirm,...}
`;

const DEFAULT_PORTS: Record<Scheme | 'all', number> = { r1: 8543, r2: 8544, r3: 8545, all: 8543 };

class UsageError extends Error {}

function seconds(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 86_400) throw new UsageError(`--${name} must be whole seconds from 1 to 86400`);
  return n;
}

function autoPay(value: string | undefined) {
  if (value === undefined) return null;
  const match = /^(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/.exec(value);
  if (!match) throw new UsageError('--auto-pay takes SCAN_SECONDS,CONFIRM_SECONDS, e.g. 3,5');
  return { scanAfterS: Number(match[1]), confirmAfterS: Number(match[2]) };
}

export async function runSimulatorCli(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        scheme: { type: 'string' },
        tls: { type: 'boolean', default: false },
        'ca-dir': { type: 'string' },
        'api-key': { type: 'string', multiple: true },
        poll: { type: 'string' },
        'scan-timeout': { type: 'string' },
        'confirm-timeout': { type: 'string' },
        'return-timeout': { type: 'string' },
        'auto-pay': { type: 'string' },
        fault: { type: 'string', multiple: true },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`kassa simulator: ${error instanceof Error ? error.message : String(error)}\n${SIMULATOR_USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(SIMULATOR_USAGE);
    return 0;
  }

  let options;
  try {
    const scheme = values.scheme;
    if (scheme !== undefined && scheme !== 'r1' && scheme !== 'r2' && scheme !== 'r3') throw new UsageError('--scheme must be r1, r2 or r3');
    const port = values.port === undefined ? DEFAULT_PORTS[scheme ?? 'all'] : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535');
    if (values.tls && !values['ca-dir']) throw new UsageError('--tls needs --ca-dir DIR (certificates are made there)');
    if (!values.tls && values['ca-dir']) throw new UsageError('--ca-dir only makes sense with --tls');
    const faults: FaultRule[] = (values.fault ?? []).map((spec) => {
      try {
        return parseFaultSpec(spec);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    });
    options = {
      port,
      scheme,
      tls: values.tls ? { caDir: resolve(values['ca-dir']!) } : undefined,
      apiKeys: values['api-key'] ?? null,
      timers: {
        pollIntervalS: seconds('poll', values.poll),
        scanTimeoutS: seconds('scan-timeout', values['scan-timeout']),
        confirmTimeoutS: seconds('confirm-timeout', values['confirm-timeout']),
      },
      returnTimers: { scanTimeoutS: seconds('return-timeout', values['return-timeout']) },
      autoPay: autoPay(values['auto-pay']),
      faults,
      log: values.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`),
    } as const;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`kassa simulator: ${error.message}\n`);
    return 2;
  }
  // Drop undefined timer fields so the defaults (5/180/65) apply.
  const clean = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const server = await startSimulatorServer({ ...options, timers: clean(options.timers), returnTimers: clean(options.returnTimers) });

  process.stdout.write(`simulator: ${server.url}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  err(`Kaspi QR API simulator: ${server.scheme ? `/${server.scheme}` : '/r1, /r2, /r3'} (v01, status also v02). Ctrl+C to stop.`);
  err(`r1 Api-Key: ${options.apiKeys ? options.apiKeys.join(', ') : 'any key starting with test_'}; every call needs X-Request-ID.`);
  if (server.pki) {
    err(`TLS: trust ${server.pki.caCertPath}; client certificate ${server.pki.clientP12Path} (passphrase in client.p12.pass)` +
      `${server.clientCertRequired ? ' is required' : ' is not needed for r1'}.`);
  }
  if (options.autoPay) err(`Auto-pay: scan after ${options.autoPay.scanAfterS} s, confirm ${options.autoPay.confirmAfterS} s later.`);
  for (const fault of server.control.faults()) err(`Fault: ${JSON.stringify(fault)}`);

  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1; // keep running
}
