import { useState, type FormEvent } from 'react';
import type { PeriodPreset, PeriodRequest } from '../../../shared/contract/spending-contract';

const PRESETS: { kind: PeriodPreset; label: string }[] = [
  { kind: '24h', label: '24 hours' },
  { kind: '7d', label: '7 days' },
  { kind: '30d', label: '30 days' },
  { kind: 'this-month', label: 'This month' },
  { kind: 'last-month', label: 'Last month' },
  { kind: 'all', label: 'All time' },
];

interface Props {
  period: PeriodRequest;
  onChange(period: PeriodRequest): void;
}

/** The period as a row of toggle buttons, plus a custom range of local dates (both inclusive). */
export function PeriodPicker({ period, onChange }: Props) {
  const [customOpen, setCustomOpen] = useState(period.kind === 'custom');
  const [from, setFrom] = useState(period.kind === 'custom' ? (period.from ?? '') : '');
  const [to, setTo] = useState(period.kind === 'custom' ? (period.to ?? '') : '');

  const apply = (event: FormEvent) => {
    event.preventDefault();
    onChange({ kind: 'custom', ...(from ? { from } : {}), ...(to ? { to } : {}) });
  };

  return (
    <div className="spending-period">
      <div className="spending-segmented" role="group" aria-label="Period">
        {PRESETS.map((preset) => (
          <button
            key={preset.kind}
            type="button"
            aria-pressed={period.kind === preset.kind}
            onClick={() => {
              setCustomOpen(false);
              onChange({ kind: preset.kind });
            }}
          >
            {preset.label}
          </button>
        ))}
        <button type="button" aria-pressed={period.kind === 'custom' || customOpen} aria-expanded={customOpen} onClick={() => setCustomOpen(!customOpen)}>
          Custom…
        </button>
      </div>
      {customOpen && (
        <form className="spending-custom" onSubmit={apply} aria-label="Custom period">
          <label>
            From <input type="date" aria-label="From" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            To <input type="date" aria-label="To" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="submit" className="spending-button primary" disabled={!from && !to}>
            Apply
          </button>
        </form>
      )}
    </div>
  );
}
