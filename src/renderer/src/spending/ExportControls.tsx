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

/** Browser mode: the CSV's text comes to the page, which downloads it. */
async function download(period: PeriodRequest, groupBy: ReportGrouping): Promise<void> {
  const report = await call('spendingExportCsv', { period, groupBy, bom: true });
  const url = URL.createObjectURL(new Blob([report.csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = report.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Exports the period as CSV (UTF-8 with a BOM, so Excel reads accents right). The desktop app asks
 * where to save it and the core writes the file, so a large export never travels through the
 * window's process; browser mode downloads the text.
 */
export function ExportControls({ period }: { period: PeriodRequest }) {
  const [groupBy, setGroupBy] = useState<ReportGrouping>('request');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();

  const exportCsv = async () => {
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      const { host } = await call('appInfo', {});
      if (host !== 'electron') {
        await download(period, groupBy);
        return;
      }
      const result = await call('spendingExportCsvSave', { period, groupBy, bom: true });
      if (result.status === 'saved') setSaved(`Saved ${result.rows.toLocaleString('en-US')} ${result.rows === 1 ? 'row' : 'rows'} to ${result.file}`);
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
      <button type="button" className="spending-button" onClick={() => void exportCsv()} disabled={busy}>
        {busy ? 'Exporting…' : 'Export CSV'}
      </button>
      {saved && (
        <p role="status" className="spending-export-saved">
          {saved}
        </p>
      )}
      {error && (
        <p role="alert" className="spending-error spending-export-error">
          {error}
        </p>
      )}
    </div>
  );
}
