import { parseArgs } from 'node:util';
import type { DevicesView, DeviceView } from '../../../shared/contract/devices-contract';
import { formatDuration, formatLastSeen } from '../../../shared/format-last-seen';
import { CliUsageError, EXIT, type CliCommand, type CliIo } from '../cli-io';
import { asUsageError, withCore } from '../with-core';

const USAGE = [
  'tallychat devices [--json] [--no-sync] [--data-dir DIR]',
  '       tallychat devices folder (DIR | --off) [--data-dir DIR]',
  '       tallychat devices name NAME [--data-dir DIR]',
].join('\n');

export const devicesCommand: CliCommand = {
  name: 'devices',
  summary: 'Share one cap across your devices through a synced folder; list them and when each was last seen',
  usage: USAGE,
  async run(args, io) {
    const [subcommand, ...rest] = args;
    if (subcommand === 'folder') return setFolder(rest, io);
    if (subcommand === 'name') return rename(rest, io);
    if (subcommand !== undefined && !subcommand.startsWith('-')) {
      throw new CliUsageError(`unknown subcommand "${subcommand}": use folder or name, or nothing to list devices`);
    }
    return list(args, io);
  },
};

/** Syncs once (unless --no-sync), then lists. Exit 1 when the folder could not be synced. */
async function list(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { json: { type: 'boolean', default: false }, 'no-sync': { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
  });
  return withCore(values['data-dir'], io, async (core) => {
    if (!values['no-sync']) await core.services.devices.sync();
    const view = core.services.devices.overview();
    const now = core.clock();
    io.stdout(values.json ? `${JSON.stringify(devicesJson(view), null, 2)}\n` : devicesText(view, now));
    return view.sync.state === 'unavailable' || view.sync.state === 'failed' ? EXIT.failure : EXIT.ok;
  });
}

async function setFolder(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { off: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
  });
  if (values.off === (positionals.length > 0) || positionals.length > 1) throw new CliUsageError('give one folder, or --off to stop syncing');
  return withCore(values['data-dir'], io, async (core) => {
    let view: DevicesView;
    try {
      view = await core.services.devices.setFolder(values.off ? null : positionals[0]!);
    } catch (error) {
      throw asUsageError(error);
    }
    if (values.off) {
      io.stdout('Sync is off. Rows already imported from other devices stay counted.\n');
      return EXIT.ok;
    }
    io.stdout(`Syncing through ${view.syncFolder}. ${view.sync.message ?? 'Choose the same folder on your other devices.'}\n`);
    return view.sync.state === 'ok' ? EXIT.ok : EXIT.failure;
  });
}

async function rename(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { 'data-dir': { type: 'string' } } });
  if (positionals.length !== 1) throw new CliUsageError('give the new name as one argument (quote it if it has spaces)');
  return withCore(values['data-dir'], io, (core) => {
    try {
      const view = core.services.devices.rename(positionals[0]!);
      io.stdout(`This device is now called ${view.thisDevice.name}.\n`);
      return EXIT.ok;
    } catch (error) {
      throw asUsageError(error);
    }
  });
}

function devicesText(view: DevicesView, now: number): string {
  const lines = [`This device: ${view.thisDevice.name} (${view.thisDevice.id})`];
  if (view.syncFolder === null) {
    lines.push(
      'Sync is off. To share one cap across your devices, choose a folder inside your synced folder',
      '(Dropbox, iCloud Drive, OneDrive, Syncthing…) on each device: tallychat devices folder DIR',
    );
  } else {
    const synced = view.sync.lastSyncAt === null ? 'not synced yet' : `synced ${formatLastSeen(view.sync.lastSyncAt, now)}`;
    lines.push(`Sync folder: ${view.syncFolder} (${synced})`);
    if (view.sync.message) lines.push(view.sync.message);
  }
  if (view.devices.length === 0) {
    if (view.syncFolder !== null) lines.push('No other device has synced to this folder yet.');
  } else {
    lines.push('Other devices:', ...deviceTable(view.devices, now));
    const stale = view.devices.filter((device) => device.stale);
    if (stale.length > 0) {
      lines.push(`! Not seen for over ${formatDuration(view.staleAfterMs)}: ${stale.map((d) => d.name).join(', ')}. Caps count only what has arrived from them.`);
    }
  }
  if (view.sync.skipped.length > 0) {
    lines.push('Files left out (read again on the next sync):');
    for (const file of view.sync.skipped) lines.push(`  ${file.deviceId}/${file.file} ${file.message}`);
  }
  return `${lines.join('\n')}\n`;
}

function deviceTable(devices: readonly DeviceView[], now: number): string[] {
  const rows = devices.map((device) => [
    device.name,
    `last seen ${formatLastSeen(device.lastSeenAt, now)}`,
    `${device.rows} ${device.rows === 1 ? 'request' : 'requests'}${device.missingRows > 0 ? ` (${device.missingRows} still arriving)` : ''}`,
  ]);
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `  ${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padEnd(widths[1]!)}  ${row[2]}`);
}

function devicesJson(view: DevicesView) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    this_device: { id: view.thisDevice.id, name: view.thisDevice.name },
    sync_folder: view.syncFolder,
    sync: { state: view.sync.state, message: view.sync.message, last_sync_at: iso(view.sync.lastSyncAt) },
    stale_after_hours: view.staleAfterMs / 3_600_000,
    devices: view.devices.map((device) => ({
      id: device.deviceId,
      name: device.name,
      last_seen_at: iso(device.lastSeenAt),
      requests: device.rows,
      missing_requests: device.missingRows,
      stale: device.stale,
    })),
    skipped_files: view.sync.skipped.map((file) => ({ device_id: file.deviceId, file: file.file, reason: file.reason, message: file.message })),
  };
}
