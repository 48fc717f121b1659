/** Every state a ledger row can be in: open while the call runs, then final exactly once (DESIGN.md). */
export const REQUEST_STATUSES = ['pending', 'streaming', 'completed', 'cancelled', 'failed', 'interrupted', 'refused'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Rows whose call is still running: they hold a reservation and count toward a cap. */
export const OPEN_STATUSES = ['pending', 'streaming'] as const satisfies readonly RequestStatus[];

/** Why a running answer was stopped: the user, a strict cap, or the host shutting down. */
export const CANCEL_REASONS = ['user', 'budget', 'shutdown'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];
