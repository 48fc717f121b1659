import { useState } from 'react';
import { REPORT_GROUPINGS, type PeriodRequest, type ReportGrouping } from '../../../shared/contract/spending-contract';
import { call } from '../api/tallychat-client';
import { downloadText, useFileExport } from '../export/use-file-export';

const GROUPING_LABELS: Record<ReportGrouping, string> = {
  request: 'Every request',
  day: 'Per day',
  month: 'Per month',
  provider: 'Per provider',
  model: 'Per model',
  conversation: 'Per conversation',
};

/**
 * Exports the period as CSV (UTF-8 with a BOM, so Excel reads accents right). The desktop app asks
 * where to save it and the core writes the file, so a large export never travels through the
 * window's process; browser mode downloads the text.
 */
export function ExportControls({ period }: { period: PeriodRequest }) {
  const [groupBy, setGroupBy] = useState<ReportGrouping>('request');
  const { busy, error, saved, run } = useFileExport();

  const exportCsv = () =>
    run({
      download: async () => {
        const report = await call('spendingExportCsv', { period, groupBy, bom: true });
        downloadText(report.fileName, report.csv, 'text/csv;charset=utf-8');
      },
      save: async () => {
        const result = await call('spendingExportCsvSave', { period, groupBy, bom: true });
        return result.status === 'saved' ? `Saved ${result.rows.toLocaleString('en-US')} ${result.rows === 1 ? 'row' : 'rows'} to ${result.file}` : null;
      },
    });

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
