// Where Kassa keeps its data when no --data-dir is given: the same folder Electron uses as
// userData for the product "Kassa", so the desktop app and `kassa serve` share one till.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.KASSA_DATA_DIR) return env.KASSA_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Kassa');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Kassa');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Kassa');
}
