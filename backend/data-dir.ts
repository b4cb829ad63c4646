import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where browser mode keeps the console database when not told otherwise: the same per-user data
 * folder convention Electron uses (userData), so both shells of one machine can share it.
 */
export function defaultDataDir(): string {
  if (process.env.CONSOLE_DATA_DIR) return process.env.CONSOLE_DATA_DIR;
  const appName = 'rapid-response-console';
  if (process.platform === 'win32')
    return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appName);
  if (process.platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', appName);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), appName);
}

export const DB_FILE_NAME = 'console.sqlite';
