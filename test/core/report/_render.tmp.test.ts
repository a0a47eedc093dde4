import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { htmlReport } from '../../../src/core/report/html';
import { sampleCompliance } from './sample-compliance';
import { sampleResult } from './sample-result';
it('renders', () => {
  const opts = { includeRaw: false, tool: { name: 'jwt-lens', version: '0.1.0' }, generatedAt: '2025-03-14T10:00:00Z', inputs: ['capture.har'] };
  writeFileSync('/tmp/htmlout/c.html', htmlReport(sampleResult(), sampleCompliance(), opts));
  writeFileSync('/tmp/htmlout/n.html', htmlReport(sampleResult(), undefined, opts));
});
