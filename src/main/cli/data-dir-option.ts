import { resolve } from 'node:path';
import { defaultDataDir } from '../core/db/default-data-dir';

/** --data-dir wins, then TALLYCHAT_DATA_DIR, then the folder the desktop app uses. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return resolve(flag);
  if (env.TALLYCHAT_DATA_DIR) return resolve(env.TALLYCHAT_DATA_DIR);
  return defaultDataDir();
}
