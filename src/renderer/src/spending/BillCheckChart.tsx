import { Bar, CartesianGrid, Cell, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { BillCheckDayView } from '../../../shared/contract/bill-check-contract';
import { exactUsd, percentOfBasisPoints, signedUsd } from '../../../shared/format-bill';
import { usd } from './format';

const AXIS = { stroke: 'var(--muted)', fontSize: 12 };
const LEDGER = '#4f7df3';
const BILLED = '#3fa47b';
const FLAGGED = '#d9534f';
const OTHER = '#e0883c';

/** Per UTC day: the ledger's sum and the provider's bill side by side, flagged days in red, other apps' usage as a line. */
export function BillCheckChart({ days }: { days: BillCheckDayView[] }) {
  const data = days.map((day) => ({
    day: day.day.slice(5),
    ledger: day.ledgerNanos,
    billed: day.billedNanos ?? 0,
    other: day.otherAppNanos ?? 0,
    source: day,
  }));
  const flagged = days.filter((d) => d.flagged).map((d) => d.day);
  const tooltip = ({ active, payload }: TooltipContentProps) => {
    const day = active ? (payload[0]?.payload as (typeof data)[number] | undefined)?.source : undefined;
    if (!day) return null;
    return (
      <div className="spending-tooltip">
        <div className="spending-tooltip-title">{day.day} (UTC)</div>
        <div className="spending-tooltip-row"><span>Ledger</span><span className="spending-num">{exactUsd(day.ledgerNanos)}</span></div>
        <div className="spending-tooltip-row"><span>Billed</span><span className="spending-num">{day.billedNanos === null ? 'not fetched' : exactUsd(day.billedNanos)}</span></div>
        {day.differenceNanos !== null && (
          <div className="spending-tooltip-row">
            <span>Difference</span>
            <span className="spending-num">
              {signedUsd(day.differenceNanos)}
              {day.differenceBasisPoints !== null && ` (${percentOfBasisPoints(day.differenceBasisPoints)})`}
            </span>
          </div>
        )}
        {day.otherAppNanos !== null && day.otherAppNanos > 0 && (
          <div className="spending-tooltip-row"><span>Other apps</span><span className="spending-num">{exactUsd(day.otherAppNanos)}</span></div>
        )}
      </div>
    );
  };
  return (
    <figure className="spending-panel spending-chart wide" data-testid="bill-check-chart">
      <figcaption>
        <h3>Billed against the ledger, per day</h3>
        <span className="visually-hidden">
          {flagged.length === 0 ? 'No day is flagged.' : `Flagged: ${flagged.join(', ')}.`}
        </span>
      </figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="day" tick={AXIS} tickLine={false} axisLine={false} minTickGap={12} />
          <YAxis tick={AXIS} tickLine={false} axisLine={false} width={72} tickFormatter={(v: number) => usd(Math.round(v))} />
          {/* Another app can spend far more than Tallychat: its line gets a scale of its own, so the bars stay readable. */}
          <YAxis yAxisId="other" orientation="right" tick={AXIS} tickLine={false} axisLine={false} width={72} tickFormatter={(v: number) => usd(Math.round(v))} />
          <Tooltip content={tooltip} cursor={{ fill: 'var(--border)', opacity: 0.4 }} isAnimationActive={false} />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="ledger" name="Ledger" fill={LEDGER} isAnimationActive={false} />
          <Bar dataKey="billed" name="Billed (red: flagged)" fill={BILLED} isAnimationActive={false}>
            {data.map((point) => (
              <Cell key={point.day} fill={point.source.flagged ? FLAGGED : BILLED} data-flagged={point.source.flagged ? 'true' : undefined} />
            ))}
          </Bar>
          <Line yAxisId="other" dataKey="other" name="Other apps (right scale)" stroke={OTHER} dot={false} strokeWidth={2} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
