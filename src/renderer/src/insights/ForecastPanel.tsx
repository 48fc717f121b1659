import type { CapOutlook, ForecastRange } from '../../../shared/contract/insights-contract';
import { usd, usdExact } from '../spending/format';
import { useForecast } from './insights-queries';

const OUTLOOK: Record<CapOutlook, string> = {
  within: 'within the cap',
  'may-pass': 'may pass the cap',
  'likely-passes': 'likely passes the cap',
  passed: 'cap already reached',
};

function Range({ range }: { range: ForecastRange }) {
  return (
    <span title={`${usdExact(range.lowNanos)} to ${usdExact(range.highNanos)}, most likely ${usdExact(range.expectedNanos)}`}>
      <strong>{usd(range.expectedNanos)}</strong>{' '}
      <span className="spending-muted">
        ({usd(range.lowNanos)} – {usd(range.highNanos)})
      </span>
    </span>
  );
}

/**
 * Where the month is heading: spent so far plus the median day for each day left, the range from
 * the quieter and busier days (lower and upper quartile), against each cap.
 */
export function ForecastPanel() {
  const { forecast, error } = useForecast();
  if (error) {
    return (
      <p role="alert" className="spending-error">
        {error}
      </p>
    );
  }
  if (!forecast) return null;
  return (
    <section className="spending-panel" aria-labelledby="spending-forecast-heading">
      <div className="spending-panel-head">
        <h2 id="spending-forecast-heading">Month-end forecast</h2>
        <span className="spending-muted">
          {forecast.label}, from {forecast.daysElapsed} {forecast.daysElapsed === 1 ? 'day' : 'days'} so far
        </span>
      </div>
      <p data-figure="forecast">
        All spending: <Range range={forecast.forecast} />
      </p>
      {forecast.caps.length > 0 && (
        <table className="spending-table">
          <caption className="visually-hidden">Forecast against each monthly cap</caption>
          <thead>
            <tr>
              <th scope="col">Cap</th>
              <th scope="col" className="num">
                Spent
              </th>
              <th scope="col">Forecast (range)</th>
              <th scope="col" className="num">
                Cap
              </th>
              <th scope="col">Outlook</th>
            </tr>
          </thead>
          <tbody>
            {forecast.caps.map((cap) => (
              <tr key={cap.budgetId} data-outlook={cap.outlook}>
                <th scope="row">{cap.label}</th>
                <td className="num">{usd(cap.spentNanos)}</td>
                <td>
                  <Range range={cap.forecast} />
                </td>
                <td className="num">{usd(cap.capNanos)}</td>
                <td className={`spending-outlook ${cap.outlook}`}>{OUTLOOK[cap.outlook]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="spending-muted">
        Spent so far plus the median day for each day left; the range uses the quieter and the busier days (lower and upper quartile).
      </p>
    </section>
  );
}
