/**
 * Events flow main → renderer on one channel. Streaming deltas are keyed by request id so any
 * number of concurrent answers share it.
 */
export type TallychatEvent = { type: 'app.notice'; level: 'info' | 'warning' | 'error'; message: string };

export const EVENT_CHANNEL = 'tallychat:event';
