// Stand-in for `main/cli.ts import|reconcile …` until the CLI dispatches those commands: the same
// exported functions, the same exit codes (used only by cli-helpers.ts).
import { runImportCli, runReconcileCli } from '../../../main/import-cli.js';

const [command, ...rest] = process.argv.slice(2);
const run = command === 'import' ? runImportCli : command === 'reconcile' ? runReconcileCli : null;
if (run === null) {
  process.stderr.write(`unknown command ${command}\n`);
  process.exit(2);
}
run(rest).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
