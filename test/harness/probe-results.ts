import type { ElementHandle, Frame } from 'puppeteer-core';
import { waitInPanel } from './panel-query';

/** What the panel shows of an imported probe report on the selected token. */
export interface ProbeResultsView {
  /** The selected token's fingerprint. */
  token: string;
  /** Rule ids of the probe findings shown. */
  rules: (string | null)[];
  /** The first finding's evidence text. */
  evidence: string;
  /** The first run's request line (method and masked URL). */
  request: string;
  /** Each case's verdict, in order. */
  verdicts: (string | null)[];
  /** The whole "Probe results" section's text. */
  text: string;
  /** The status bar's message. */
  status: string;
}

/**
 * Imports a probe report with Import HAR's file picker, waits until the panel shows its results on a token
 * (on `fingerprint` when given), and reads them.
 */
export async function importProbeReport(
  panel: Frame,
  path: string,
  fingerprint = '',
): Promise<ProbeResultsView> {
  const input = (await panel.$('[data-testid="import-har-input"]')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(path);
  await waitInPanel(
    panel,
    (fp) =>
      !!document.querySelector('[data-testid="probe-results"]') &&
      (!fp || document.querySelector('[data-testid="detail-fingerprint"]')?.textContent === fp) &&
      (document.querySelector('[data-testid="status-message"]')?.textContent ?? '').startsWith(
        'Imported probe report',
      ),
    fingerprint,
  );
  return panel.evaluate(() => {
    const section = document.querySelector('[data-testid="probe-results"]');
    return {
      token: document.querySelector('[data-testid="detail-fingerprint"]')?.textContent ?? '',
      rules: [...(section?.querySelectorAll('[data-testid="finding"]') ?? [])].map((f) =>
        f.getAttribute('data-rule-id'),
      ),
      evidence: section?.querySelector('.evidence')?.textContent ?? '',
      request: section?.querySelector('[data-testid="probe-run"] code')?.textContent ?? '',
      verdicts: [...(section?.querySelectorAll('[data-testid="probe-outcome"]') ?? [])].map((o) =>
        o.getAttribute('data-verdict'),
      ),
      text: section?.textContent ?? '',
      status: document.querySelector('[data-testid="status-message"]')?.textContent ?? '',
    };
  });
}
