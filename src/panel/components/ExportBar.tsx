import { createExportFile, type ExportFormat } from '../models/export-report';
import { usePanel } from '../panel-context';
import { PANEL_TOOL } from '../tool-info';

const BUTTONS: Array<{ format: ExportFormat; label: string; title?: string }> = [
  { format: 'json', label: 'Export JSON' },
  { format: 'sarif', label: 'Export SARIF' },
  { format: 'markdown', label: 'Export Markdown' },
  {
    format: 'compliance-markdown',
    label: 'Export compliance Markdown (by framework)',
    title:
      'Status per control of each framework, then the failing controls with their findings, as scan --format md --group-by framework',
  },
  {
    format: 'audit-html',
    label: 'Export audit report (HTML)',
    title: 'One self-contained page for assessors: scope, status per control of each framework, findings',
  },
];

/** The exports that carry the compliance statuses (the Compliance view's report). */
const WITH_COMPLIANCE: ReadonlySet<ExportFormat> = new Set<ExportFormat>([
  'compliance-markdown',
  'audit-html',
]);

/** Export buttons (the same reports the CLI writes) and the "Include raw tokens" switch, off by default. */
export function ExportBar() {
  const { tokens, ui, compliance, download, clock } = usePanel();
  const exportAs = (format: ExportFormat) => {
    try {
      tokens.flush();
      // After the flush, so the statuses speak for the same result as the report (null: assessment failed).
      const statuses = WITH_COMPLIANCE.has(format) ? compliance.report.value : null;
      const file = createExportFile(tokens.result.value, format, {
        includeRaw: ui.includeRaw.value,
        tool: PANEL_TOOL,
        at: clock(),
        problems: tokens.problems.value,
        ...(statuses ? { compliance: statuses } : {}),
      });
      download(file);
      ui.say({ kind: 'info', text: `Exported ${file.filename}` });
    } catch {
      ui.say({ kind: 'error', text: 'The export failed.' });
    }
  };
  return (
    <span class="group">
      {BUTTONS.map(({ format, label, title }) => (
        <button
          type="button"
          key={format}
          data-testid={`export-${format}`}
          title={title}
          onClick={() => exportAs(format)}
        >
          {label}
        </button>
      ))}
      <label class="check">
        <input
          type="checkbox"
          data-testid="include-raw"
          checked={ui.includeRaw.value}
          onChange={(e) => ui.setIncludeRaw(e.currentTarget.checked)}
        />
        Include raw tokens
      </label>
    </span>
  );
}
