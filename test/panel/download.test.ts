// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createBlobDownload } from '../../src/panel/download';
import { exportFilename } from '../../src/panel/models/export-report';

describe('createBlobDownload', () => {
  it('clicks a hidden <a download> pointing at a Blob URL, then removes it', () => {
    const clicked: Array<{ href: string; download: string }> = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ href: this.href, download: this.download });
    });
    createBlobDownload(document)({ filename: 'r.json', mime: 'application/json', text: '{}' });
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe('r.json');
    expect(clicked[0]?.href).toMatch(/^blob:/);
    expect(document.querySelector('a[download]')).toBeNull();
    click.mockRestore();
  });
});

describe('exportFilename', () => {
  it('is sortable and has no characters file systems reject', () => {
    const at = new Date('2030-01-02T03:04:05.678Z');
    expect(exportFilename('json', at)).toBe('jwt-lens-report-2030-01-02T03-04-05Z.json');
    expect(exportFilename('sarif', at)).toBe('jwt-lens-report-2030-01-02T03-04-05Z.sarif');
    expect(exportFilename('markdown', at)).toBe('jwt-lens-report-2030-01-02T03-04-05Z.md');
    expect(exportFilename('compliance-markdown', at)).toBe('jwt-lens-compliance-2030-01-02T03-04-05Z.md');
  });
});
