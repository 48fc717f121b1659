import { useState } from 'react';
import { REPORT_GROUPINGS, type PeriodRequest, type ReportGrouping } from '../../../shared/contract/spending-contract';
import { call } from '../api/tallychat-client';

const GROUPING_LABELS: Record<ReportGrouping, string> = {
  request: 'Every request',
  day: 'Per day',
  month: 'Per month',
  provider: 'Per provider',
  model: 'Per model',
  conversation: 'Per conversation',
};

/** Downloads the period as CSV (UTF-8 with a BOM, so Excel reads accents right), built by main. */
export function ExportControls({ period }: { period: PeriodRequest }) {
  const [groupBy, setGroupBy] = useState<ReportGrouping>('request');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const report = await call('spendingExportCsv', { period, groupBy, bom: true });
      const url = URL.createObjectURL(new Blob([report.csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = report.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="spending-export">
      <label>
        <span className="visually-hidden">Rows of the export</span>
        <select aria-label="Rows of the export" value={groupBy} onChange={(e) => setGroupBy(e.target.value as ReportGrouping)}>
          {REPORT_GROUPINGS.map((g) => (
            <option key={g} value={g}>
              {GROUPING_LABELS[g]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="spending-button" onClick={() => void download()} disabled={busy}>
        {busy ? 'Exporting…' : 'Export CSV'}
      </button>
      {error && (
        <p role="alert" className="spending-error spending-export-error">
          {error}
        </p>
      )}
    </div>
  );
}
