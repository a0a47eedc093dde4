import type { ComplianceReport } from '../compliance/types';
import type { AuditResult } from '../types';
import { complianceSections } from './html/compliance';
import { DIGEST_COMMAND, reportDigest, styleHashSource } from './html/digest';
import { findingsSection } from './html/findings';
import { el, type Html } from './html/markup';
import { methodSection } from './html/method';
import { probesSection } from './html/probes';
import { scopeOfResult, scopeSection } from './html/scope';
import { printFooterCss, REPORT_CSS } from './html/styles';
import { summarySection } from './html/summary';
import { createReportContext } from './report-context';
import type { ReportOptions } from './report-types';

/**
 * Nothing may load, run, navigate or submit: only the report's style sheet, admitted by its hash. `base-uri`
 * and `form-action` do not fall back to `default-src`, so they are closed on their own (CSP 3 §6).
 */
function contentSecurityPolicy(css: string): string {
  return `default-src 'none'; style-src ${styleHashSource(css)}; base-uri 'none'; form-action 'none'`;
}

/**
 * The audit report as one self-contained HTML page: scope, method and limits of a passive audit, a status
 * table per framework (when `compliance` is given, i.e. a scan with `--compliance`), the findings with
 * their evidence, the probes when the report is a `jwt-lens probe` run's, and the report digest. Inline CSS only, no script, nothing that loads (a CSP says so
 * to the browser too); prints to PDF with a page per framework. Every value from traffic is escaped, and
 * redacted exactly like the other reports unless `opts.includeRaw`.
 */
export function htmlReport(
  result: AuditResult,
  compliance: ComplianceReport | undefined,
  opts: ReportOptions,
): string {
  const ctx = createReportContext(result, opts.includeRaw);
  const scope = compliance?.scope ?? scopeOfResult(result, opts);
  const title = compliance ? 'JWT authentication audit report' : 'JWT audit report';
  const main = el(
    'main',
    null,
    el(
      'header',
      null,
      el('h1', null, title),
      el(
        'p',
        { class: 'subtitle' },
        `${scope.tool.name} ${scope.tool.version} · passive audit of recorded traffic`,
      ),
      privacyNotice(opts.includeRaw),
    ),
    summarySection(result, compliance),
    scopeSection(scope, result, opts, ctx),
    methodSection(compliance !== undefined, (opts.probes?.length ?? 0) > 0),
    compliance ? complianceSections(compliance, (text) => ctx.scrub(text)) : null,
    findingsSection(result, compliance, ctx),
    probesSection(opts.probes, ctx),
  ).toString();
  const digest = reportDigest(main) ?? '';
  return `<!DOCTYPE html>\n${shell(title, main, digest)}\n`;
}

function privacyNotice(includeRaw: boolean): Html {
  return includeRaw
    ? el(
        'p',
        { class: 'notice raw', 'data-testid': 'privacy' },
        'Contains raw tokens and personal data: do not share.',
      )
    : el(
        'p',
        { class: 'notice', 'data-testid': 'privacy' },
        'Redacted: tokens are masked (header and the first characters of the payload kept, signature dropped) and personal values are masked.',
      );
}

/** The page around `<main>`; `main` is already markup, and the digest is printed after it. */
function shell(title: string, main: string, digest: string): string {
  const css = `${REPORT_CSS}\n${printFooterCss(digest)}`;
  const head = [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(css)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="report-digest" content="sha256:${digest}">`,
    el('title', null, title).toString(),
    `<style>${css}</style>`,
  ];
  return [
    '<html lang="en">',
    `<head>\n${head.join('\n')}\n</head>`,
    '<body>',
    main,
    digestFooter(digest).toString(),
    '</body>',
    '</html>',
  ].join('\n');
}

function digestFooter(digest: string): Html {
  return el(
    'footer',
    { 'data-testid': 'digest' },
    el('p', null, el('strong', null, 'Report digest (SHA-256): '), el('code', null, digest)),
    el(
      'p',
      null,
      'Computed over the report’s main content exactly as written: the UTF-8 bytes from ',
      el('code', null, '<main'),
      ' up to and including the first ',
      el('code', null, '</main>'),
      '. This footer is outside it. Check a saved copy with: ',
      el('code', null, DIGEST_COMMAND),
    ),
  );
}
