import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { KeyFile } from './key-file';
import { keyRef, type KeyVault } from './key-vault';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const LOCAL_FILE_SCHEME = 'local-file';

/**
 * The weaker scheme, used only with the user's consent where no OS keychain exists: keys are
 * encrypted (AES-256-GCM) with a random key kept in a file beside them, readable by the user only.
 * It keeps keys out of plain sight (a synced folder, a screenshot of a file, a grep) but not from
 * anyone who can read the user's files — which is why it needs consent.
 */
export class LocalFileVault implements KeyVault {
  readonly scheme = LOCAL_FILE_SCHEME;

  constructor(
    private readonly keys: KeyFile,
    private readonly masterKeyPath: string,
  ) {}

  get description(): string {
    return `an encrypted file in the data folder whose key is stored beside it (${this.keys.path})`;
  }

  async put(providerId: string, secret: string): Promise<void> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.masterKey(true), iv);
    const sealed = Buffer.concat([iv, Buffer.alloc(TAG_BYTES), cipher.update(secret, 'utf8'), cipher.final()]);
    cipher.getAuthTag().copy(sealed, IV_BYTES);
    this.keys.update((data) => {
      data.keys[keyRef(this.scheme, providerId)] = sealed.toString('base64');
    });
  }

  async get(providerId: string): Promise<string | undefined> {
    const stored = this.keys.read().keys[keyRef(this.scheme, providerId)];
    if (stored === undefined) return undefined;
    const sealed = Buffer.from(stored, 'base64');
    const decipher = createDecipheriv(ALGORITHM, this.masterKey(false), sealed.subarray(0, IV_BYTES));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  async delete(providerId: string): Promise<void> {
    this.keys.update((data) => {
      delete data.keys[keyRef(this.scheme, providerId)];
    });
  }

  private masterKey(create: boolean): Buffer {
    if (!existsSync(this.masterKeyPath)) {
      if (!create) throw new Error(`The key file's secret ${this.masterKeyPath} is missing; enter your keys again.`);
      createOnce(this.masterKeyPath);
    }
    const key = readFileSync(this.masterKeyPath);
    if (key.length !== KEY_BYTES) throw new Error(`The key file's secret ${this.masterKeyPath} is damaged; enter your keys again.`);
    return key;
  }
}

/** 'wx' never overwrites a secret another process made a moment ago (that would orphan its keys). */
function createOnce(path: string): void {
  try {
    writeFileSync(path, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (process.platform !== 'win32') chmodSync(path, 0o600);
}
