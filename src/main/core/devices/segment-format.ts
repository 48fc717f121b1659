import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CANCEL_REASONS, type RequestStatus } from '../../../shared/request-status';
import type { FinishReason } from '../providers/provider-types';

/**
 * The file protocol between devices. A segment is one immutable JSON file of final ledger rows:
 * only the fields caps, reports and CSV need — no message text, no prompt, no key, no error text.
 * A reader refuses a version above the one it knows instead of guessing at fields it has not seen.
 */
export const SEGMENT_FORMAT = 'tallychat.segment';
export const SEGMENT_VERSION = 1;
export const HEARTBEAT_FORMAT = 'tallychat.device';

const count = z.number().int().nonnegative();
const nanos = z.number().int().safe();
const FINAL_STATUSES = ['completed', 'cancelled', 'failed', 'interrupted', 'refused'] as const satisfies readonly RequestStatus[];
const FINISH_REASONS = ['stop', 'length', 'content-filter', 'tool-calls', 'other'] as const satisfies readonly FinishReason[];

/** One final row as it travels. Open rows never do: another device cannot finish them. */
export const segmentRowSchema = z
  .object({
    requestId: z.string().min(1).max(128),
    providerId: z.string().min(1),
    providerKind: z.string().min(1),
    model: z.string().min(1),
    status: z.enum(FINAL_STATUSES),
    streamed: z.boolean(),
    startedAt: z.number().int(),
    finishedAt: z.number().int().nullable(),
    durationMs: count.nullable(),
    ttftMs: count.nullable(),
    inputTokens: count.nullable(),
    outputTokens: count.nullable(),
    cachedInputTokens: count.nullable(),
    cacheWriteTokens: count.nullable(),
    reasoningTokens: count.nullable(),
    usageSource: z.enum(['provider', 'estimated']).nullable(),
    providerCostUsdNanos: nanos.nullable(),
    priceInputUsdNanosPerMTok: nanos.nullable(),
    priceOutputUsdNanosPerMTok: nanos.nullable(),
    priceCacheReadUsdNanosPerMTok: nanos.nullable(),
    priceCacheWriteUsdNanosPerMTok: nanos.nullable(),
    priceSource: z.string().nullable(),
    costUsdNanos: nanos.nullable(),
    billedCurrency: z.string().regex(/^[A-Z]{3}$/),
    finishReason: z.enum(FINISH_REASONS).nullable(),
    cancelReason: z.enum(CANCEL_REASONS).nullable(),
  })
  .strict();
export type SegmentRow = z.infer<typeof segmentRowSchema>;

export const segmentBodySchema = z
  .object({
    deviceId: z.string().min(1),
    deviceName: z.string().min(1),
    segmentId: z.string().min(1),
    /** The writer's clock when the file was written. */
    createdAt: z.number().int(),
    rows: z.array(segmentRowSchema),
  })
  .strict();
export type SegmentBody = z.infer<typeof segmentBodySchema>;

/** The envelope every version keeps: enough to say "newer format" without reading the body. */
export const envelopeSchema = z.object({
  format: z.literal(SEGMENT_FORMAT),
  version: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  body: z.unknown(),
});

/** What a device says about itself each time it syncs, in its own folder (replaced by rename). */
export const heartbeatSchema = z.object({
  format: z.literal(HEARTBEAT_FORMAT),
  deviceId: z.string().min(1),
  deviceName: z.string().min(1),
  writtenAt: z.number().int(),
  /** How many final rows the device has put into its segments so far. */
  exportedRows: count,
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;

export function checksumOf(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

export function encodeSegment(body: SegmentBody): string {
  return `${JSON.stringify({ format: SEGMENT_FORMAT, version: SEGMENT_VERSION, sha256: checksumOf(body), body })}\n`;
}
