// `kassa serve` as a real child process (the CLI run by tsx from source), and calls to its HTTP API.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServeProcess {
  child: ChildProcess;
  origin: string;
  cashierToken: string;
  customerToken: string;
  output: () => string;
}

/** `umask`: the login's umask the child starts with (POSIX; through sh), else this process's own. */
export async function spawnServe(args: string[], env: Record<string, string> = {}, options: { umask?: number } = {}): Promise<ServeProcess> {
  const command = [process.execPath, '--import', 'tsx', 'main/cli.ts', 'serve', '--no-open', ...args];
  const [file, ...argv] =
    options.umask === undefined ? command : ['/bin/sh', '-c', `umask ${options.umask.toString(8).padStart(3, '0')} && exec "$@"`, 'sh', ...command];
  const child = spawn(file!, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const lines: string[] = [];
  const urls = await new Promise<{ cashier: string; customer: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kassa serve printed no URLs:\n${output}`)), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kassa serve exited with ${code}:\n${output}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output += `${line}\n`;
      lines.push(line);
      const cashier = lines.find((l) => l.startsWith('cashier: '));
      const customer = lines.find((l) => l.startsWith('customer: '));
      if (cashier && customer) {
        clearTimeout(timer);
        resolve({ cashier: cashier.slice(9), customer: customer.slice(10) });
      }
    });
  });
  const cashierUrl = new URL(urls.cashier);
  return {
    child,
    origin: cashierUrl.origin,
    cashierToken: cashierUrl.searchParams.get('token')!,
    customerToken: new URL(urls.customer).searchParams.get('token')!,
    output: () => output,
  };
}

export async function api<T = any>(serve: ServeProcess, channel: string, body: unknown = {}, log?: string[]): Promise<{ ok: boolean; data: T; error?: { code: string } }> {
  const res = await fetch(`${serve.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kassa-token': serve.cashierToken },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  log?.push(text);
  return JSON.parse(text);
}

export async function stopServe(serve: ServeProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (serve.child.exitCode !== null || serve.child.signalCode !== null) return;
  const exited = new Promise((resolve) => serve.child.once('exit', resolve));
  serve.child.kill(signal);
  await exited;
}
