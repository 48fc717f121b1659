import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * The file beside the database that holds encrypted keys (never plain ones) and the user's
 * consent to the weaker scheme. Keys are kept out of the database on purpose: a backup or an
 * export of the ledger carries no key, not even an encrypted one.
 */
const keyFileSchema = z.object({
  version: z.literal(1),
  /** When the user agreed to store keys without an OS keychain; null while they have not. */
  weakerSchemeAcceptedAt: z.number().int().nullable(),
  /** "<scheme>:<provider id>" → the scheme's ciphertext, base64. */
  keys: z.record(z.string(), z.string()),
});
export type KeyFileData = z.infer<typeof keyFileSchema>;

const EMPTY: KeyFileData = { version: 1, weakerSchemeAcceptedAt: null, keys: {} };
/** Readable and writable by the user only. */
const OWNER_ONLY = 0o600;

export class KeyFileError extends Error {}

export class KeyFile {
  constructor(readonly path: string) {}

  read(): KeyFileData {
    if (!existsSync(this.path)) return structuredClone(EMPTY);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch (error) {
      throw new KeyFileError(`The key file ${this.path} is not valid JSON (${(error as Error).message}). Move it aside and enter your keys again.`);
    }
    const parsed = keyFileSchema.safeParse(json);
    if (!parsed.success) throw new KeyFileError(`The key file ${this.path} has an unknown layout. Move it aside and enter your keys again.`);
    return parsed.data;
  }

  /** Read, change, write: the write goes to a temporary file renamed over the old one, so a crash leaves one or the other. */
  update(change: (data: KeyFileData) => void): KeyFileData {
    const data = this.read();
    change(data);
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`, { mode: OWNER_ONLY });
    renameSync(temporary, this.path);
    // The mode of an existing file is not changed by writeFileSync; make sure it is ours alone.
    if (process.platform !== 'win32') chmodSync(this.path, OWNER_ONLY);
    return data;
  }
}
