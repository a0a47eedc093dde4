import type { ExportFile } from './models/export-report';

/** Saves a file for the user. Injected so tests (and a harness) can capture exports. */
export type Download = (file: ExportFile) => void;

/**
 * Saves through a Blob and an `<a download>` click: works in a DevTools panel page without the
 * `downloads` permission (E2E.md). The object URL is revoked once the click has been dispatched.
 */
export function createBlobDownload(doc: Document = document): Download {
  return (file) => {
    const url = URL.createObjectURL(new Blob([file.text], { type: file.mime }));
    const link = doc.createElement('a');
    link.href = url;
    link.download = file.filename;
    link.hidden = true;
    doc.body.append(link);
    link.click();
    link.remove();
    // Revoking synchronously can cancel the download in Chromium; give it a moment.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
}
