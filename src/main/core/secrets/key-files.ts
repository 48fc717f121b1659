import { join } from 'node:path';
import { KeyFile } from './key-file';
import { LocalFileVault } from './local-file-vault';

export const KEY_FILE_NAME = 'api-keys.json';
export const LOCAL_SECRET_FILE_NAME = 'api-keys.secret';

/** The key file and the weaker scheme's vault of one data folder. */
export function localKeyStorage(dataDir: string): { keyFile: KeyFile; weaker: LocalFileVault } {
  const keyFile = new KeyFile(join(dataDir, KEY_FILE_NAME));
  return { keyFile, weaker: new LocalFileVault(keyFile, join(dataDir, LOCAL_SECRET_FILE_NAME)) };
}
