import { closeSync, openSync, readSync, writeSync } from 'node:fs';

const BUFFER_BYTES = 256 * 1024;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair, 2 units, takes 4). */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Text to a file descriptor through one reused buffer. Handing each chunk to writeSync as a
 * string makes a new Buffer per write, and building chunks by concatenation keeps them alive
 * across collections: a million-row export grew its heap by tens of megabytes either way.
 */
export class BufferedFileWriter {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  /** Bytes written through this writer, flushed or not. */
  bytes = 0;

  constructor(private readonly fd: number) {}

  write(text: string): void {
    if (text.length * MAX_BYTES_PER_UNIT > BUFFER_BYTES - this.used) {
      this.flush();
      if (text.length * MAX_BYTES_PER_UNIT > BUFFER_BYTES) {
        this.bytes += writeAll(this.fd, Buffer.from(text, 'utf8'));
        return;
      }
    }
    const written = this.buffer.write(text, this.used, 'utf8');
    this.used += written;
    this.bytes += written;
  }

  flush(): void {
    if (this.used === 0) return;
    writeAll(this.fd, this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  /** Appends a whole file's bytes after what was written so far; returns how many. */
  copyFrom(path: string): number {
    this.flush();
    const source = openSync(path, 'r');
    try {
      let copied = 0;
      for (let read; (read = readSync(source, this.buffer, 0, BUFFER_BYTES, null)) > 0; copied += read) writeAll(this.fd, this.buffer.subarray(0, read));
      this.bytes += copied;
      return copied;
    } finally {
      closeSync(source);
    }
  }
}

/** writeSync may write less than it was given (a full disk, a pipe): the rest is written again. */
function writeAll(fd: number, bytes: Uint8Array): number {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
  return bytes.length;
}
