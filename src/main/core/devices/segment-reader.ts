import { readFile } from 'node:fs/promises';
import type { SkipReason } from '../../../shared/contract/devices-contract';
import { checksumOf, envelopeSchema, heartbeatSchema, SEGMENT_VERSION, segmentBodySchema, type Heartbeat, type SegmentBody } from './segment-format';

export type SegmentRead = { ok: true; body: SegmentBody; checksum: string } | { ok: false; reason: SkipReason; message: string };

/**
 * Reads and checks one segment: whole JSON (a file still arriving is cut short), a format this
 * version knows, a checksum that matches, rows that fit the schema, written by the device whose
 * folder it sits in. Anything else is a reason to skip, never a partial import.
 */
export async function readSegment(file: string, folderDeviceId: string): Promise<SegmentRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, reason: 'unreadable', message: `could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'incomplete', message: 'is not complete yet (it may still be arriving)' };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, reason: 'corrupt', message: 'is not a Tallychat segment' };
  if (envelope.data.version > SEGMENT_VERSION) {
    return {
      ok: false,
      reason: 'newer_format',
      message: `was written by a newer Tallychat (format ${envelope.data.version}; this version reads up to ${SEGMENT_VERSION}): update Tallychat on this device to count it`,
    };
  }
  if (checksumOf(envelope.data.body) !== envelope.data.sha256) return { ok: false, reason: 'corrupt', message: 'does not match its checksum' };
  const body = segmentBodySchema.safeParse(envelope.data.body);
  if (!body.success) return { ok: false, reason: 'corrupt', message: 'has rows this version cannot read' };
  if (body.data.deviceId !== folderDeviceId) {
    return { ok: false, reason: 'corrupt', message: `belongs to device ${body.data.deviceId}, not to the folder it is in` };
  }
  return { ok: true, body: body.data, checksum: envelope.data.sha256 };
}

/** A device's heartbeat, or undefined while it is missing, arriving or unreadable (segments still count). */
export async function readHeartbeat(file: string, folderDeviceId: string): Promise<Heartbeat | undefined> {
  try {
    const parsed = heartbeatSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success && parsed.data.deviceId === folderDeviceId ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
