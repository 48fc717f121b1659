import type { CapView } from '../../../shared/contract/budget-contract';
import type { MonthView } from '../../../shared/contract/spending-contract';
import { usd, usdExact } from './format';

function CapRow({ cap }: { cap: CapView }) {
  const level = cap.percentUsed >= 100 ? 'over' : cap.percentUsed >= cap.warnAtPercent ? 'warn' : 'ok';
  return (
    <li className={`spending-cap ${level}`}>
      <div className="spending-cap-head">
        <span className="spending-cap-label">{cap.label}</span>
        <span>
          <strong title={`${usdExact(cap.spentNanos)} exactly`}>{usd(cap.spentNanos)}</strong> of {usd(cap.capNanos)}
        </span>
      </div>
      <span
        className="spending-meter"
        role="meter"
        aria-label={`${cap.label} used`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(cap.percentUsed, 100)}
        aria-valuetext={`${cap.percentUsed}% used`}
      >
        <span style={{ width: `${Math.min(cap.percentUsed, 100)}%` }} />
      </span>
      <div className="spending-cap-foot">
        <span>{cap.remainingNanos >= 0 ? `${usd(cap.remainingNanos)} left` : `${usd(-cap.remainingNanos)} over`}</span>
        <span>{cap.percentUsed}%</span>
      </div>
    </li>
  );
}

/** The current calendar month against its caps, whatever period the rest of the screen shows. */
export function MonthPanel({ month }: { month: MonthView }) {
  return (
    <section className="spending-panel spending-month" aria-labelledby="spending-month-heading">
      <div className="spending-panel-head">
        <h2 id="spending-month-heading">{month.label}</h2>
        <span className="spending-muted">
          day {month.daysElapsed} of {month.daysInMonth}
        </span>
      </div>
      <dl className="spending-month-figures">
        <div>
          <dt>Spent this month</dt>
          <dd title={`${usdExact(month.spentNanos)} exactly`} data-figure="month-spent">
            {usd(month.spentNanos)}
          </dd>
        </div>
        <div>
          <dt>Projected for the month</dt>
          <dd data-figure="projection">{usd(month.projectionNanos)}</dd>
        </div>
        {month.reservedNanos > 0 && (
          <div>
            <dt>Held by running requests</dt>
            <dd>{usd(month.reservedNanos)}</dd>
          </div>
        )}
      </dl>
      {month.caps.length > 0 ? (
        <ul className="spending-caps" aria-label="Monthly caps">
          {month.caps.map((cap) => (
            <CapRow key={cap.budgetId} cap={cap} />
          ))}
        </ul>
      ) : (
        <p className="spending-muted">No monthly cap is set. Caps live in Settings → Budgets.</p>
      )}
    </section>
  );
}
