import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Stands in for Dropbox or Syncthing between devices: each device has its own replica of the sync
 * folder, and the engine copies one device's files into another's replica when the test says so —
 * late, cut short, twice, or under a conflicted-copy name — and passes removals on.
 */
export type Delivery = 'whole' | 'partial' | 'conflicted' | 'twice';

const CONFLICT_NAMES = [
  (name: string) => name.replace('.tcseg', " (Ana's conflicted copy 2026-12-02).tcseg"),
  (name: string) => name.replace('.tcseg', '.sync-conflict-20261202-101500-ABCDEFG.tcseg'),
  (name: string) => name.replace('.tcseg', ' (1).tcseg'),
];

export class FakeSyncEngine {
  constructor(readonly replicas: string[]) {}

  /** The files device `from` has written in its own folder of its own replica. */
  ownFiles(from: number, deviceId: string): string[] {
    const folder = join(this.replicas[from]!, 'tallychat', 'devices', deviceId);
    if (!existsSync(folder)) return [];
    return readdirSync(folder).filter((name) => !name.startsWith('.')).sort();
  }

  deliver(from: number, to: number, deviceId: string, name: string, how: Delivery, pick = 0): void {
    const relative = join('tallychat', 'devices', deviceId, name);
    const source = join(this.replicas[from]!, relative);
    if (!existsSync(source)) return;
    const target = join(this.replicas[to]!, relative);
    mkdirSync(dirname(target), { recursive: true });
    if (how === 'partial') {
      const bytes = readFileSync(source);
      writeFileSync(target, bytes.subarray(0, Math.max(1, Math.floor(bytes.length * 0.6))));
    } else if (how === 'conflicted') {
      copyFileSync(source, join(dirname(target), CONFLICT_NAMES[pick % CONFLICT_NAMES.length]!(name)));
    } else {
      copyFileSync(source, target);
      if (how === 'twice') copyFileSync(source, target);
    }
  }

  /** Removes from `to`'s replica the files device `from` no longer has (after it compacted). */
  passOnRemovals(from: number, to: number, deviceId: string): void {
    const kept = new Set(this.ownFiles(from, deviceId));
    for (const name of this.ownFiles(to, deviceId)) {
      if (!kept.has(name) && !name.includes('conflict') && !name.includes(' (1)')) rmSync(join(this.replicas[to]!, 'tallychat', 'devices', deviceId, name));
    }
  }

  /** Everything, whole, everywhere: what the engine has done once it has caught up. */
  catchUp(deviceIds: string[]): void {
    for (const [from, deviceId] of deviceIds.entries()) {
      for (let to = 0; to < this.replicas.length; to++) {
        if (to === from) continue;
        this.passOnRemovals(from, to, deviceId);
        for (const name of this.ownFiles(from, deviceId)) this.deliver(from, to, deviceId, name, 'whole');
      }
    }
  }
}
