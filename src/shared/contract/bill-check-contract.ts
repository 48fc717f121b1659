/**
 * The bill check (issue 19, part 1): the provider's own account figures against the ledger, per
 * UTC day. Opt-in per provider; admin keys go in and are never sent back (only "set" and their
 * last four characters). Money crosses as integer nano-dollars.
 */
import { z } from 'zod';
import { method } from './define-method';

export const BILL_VENDORS = ['openai', 'anthropic', 'openrouter', 'deepseek'] as const;
export type BillVendorName = (typeof BILL_VENDORS)[number];

const providerId = z.string().min(1).max(200);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

export interface BillCheckAccountView {
  providerId: string;
  providerName: string;
  vendor: BillVendorName;
  vendorName: string;
  /** Every request the check will make, with the full URL, shown before it is enabled. */
  endpoints: string[];
  /** OpenAI and Anthropic read the organization's reports with an admin key, not the chat key. */
  needsAdminKey: boolean;
  adminKeySet: boolean;
  /** "project id" (OpenAI) or "workspace id" (Anthropic): spend outside it is another app's. */
  scopeName: string | null;
  ownScope: string | null;
  enabled: boolean;
  lastFetchAt: number | null;
}

export interface BillOtherAppView {
  label: string;
  amountNanos: number;
}

export interface BillCheckDayView {
  /** The vendor's bucket: a UTC date. */
  day: string;
  ledgerNanos: number;
  billedNanos: number | null;
  differenceNanos: number | null;
  differenceBasisPoints: number | null;
  flagged: boolean;
  otherAppNanos: number | null;
  otherApp: BillOtherAppView[];
  requests: number;
  unpricedRequests: number;
  uncomparedRequests: number;
  /** Distinct API keys the vendor's usage report shows that day; null where it has none. */
  apiKeys: number | null;
}

export interface BillBalanceView {
  currency: string;
  totalNanos: number;
  purchasedNanos: number | null;
  usedNanos: number | null;
  fetchedAt: number;
}

export interface BillAccountUsageView {
  fromMs: number;
  toMs: number;
  accountUsedNanos: number;
  tallychatNanos: number;
  otherAppNanos: number;
  /** Tallychat's requests in the interval whose cost OpenRouter has not told yet: left out of its sum. */
  uncomparedRequests: number;
}

export interface BillCheckView {
  providerId: string;
  providerName: string;
  vendor: BillVendorName;
  month: string;
  monthLabel: string;
  thresholdBasisPoints: number;
  /** When the figures shown were fetched (the latest fetch); null before any. */
  fetchedAt: number | null;
  /** Days of the month up to today (UTC); empty for a vendor that reports a balance only. */
  days: BillCheckDayView[];
  /**
   * Over the days with a billed figure; null for a vendor that reports a balance only. Other apps'
   * total is null where the vendor's figures cannot tell them apart (OpenRouter's per-request costs).
   */
  totals: { ledgerNanos: number; billedNanos: number; differenceNanos: number; otherAppNanos: number | null } | null;
  flaggedDays: number;
  balances: BillBalanceView[];
  /**
   * OpenRouter: how far the account's usage counter moved between the month's first and latest
   * credits read, against the provider figures of Tallychat's requests in that time; the rest is
   * other apps or keys on the account. Null with fewer than two reads, or for other vendors.
   */
  accountUsage: BillAccountUsageView | null;
  /** What this vendor's figures can and cannot say, in one sentence; null when nothing needs saying. */
  note: string | null;
}

/** Settings → Bill check: the threshold, and every provider that can be checked. */
export interface BillCheckSettingsView {
  thresholdBasisPoints: number;
  accounts: BillCheckAccountView[];
}

export const billCheckContract = {
  billCheckAccounts: method<BillCheckAccountView[]>()(z.object({}).strict()),
  billCheckSettings: method<BillCheckSettingsView>()(z.object({}).strict()),
  billCheckEnable: method<BillCheckAccountView>()(
    z
      .object({
        providerId,
        /** An OpenAI-compatible provider names its vendor (DeepSeek); the others follow from their kind. */
        vendor: z.enum(BILL_VENDORS).optional(),
        adminKey: z.string().min(8).max(500).optional(),
        ownScope: z.string().max(200).nullable().optional(),
      })
      .strict(),
  ),
  billCheckDisable: method<BillCheckAccountView[]>()(z.object({ providerId }).strict()),
  /** Reads the vendor's account API now, stores what it returned, and compares. */
  billCheckRun: method<BillCheckView>()(z.object({ providerId, month: month.optional() }).strict()),
  /** The comparison from the figures already stored; calls no one. */
  billCheckView: method<BillCheckView>()(z.object({ providerId, month: month.optional() }).strict()),
  billCheckSetThreshold: method<{ thresholdBasisPoints: number }>()(z.object({ thresholdBasisPoints: z.number().int().min(1).max(10_000) }).strict()),
};
