/**
 * The report's only style sheet, inline (the CSP admits it by its hash, see `shell.ts`). System fonts only:
 * nothing is fetched. Statuses and severities differ by glyph, word and border style, not colour alone,
 * so a greyscale printout keeps them apart. Print: no backgrounds to speak of, each framework and the
 * findings on a new page, table headers repeated on every page, the paper size left to the printer
 * (A4 or Letter).
 */
export const REPORT_CSS = `
:root{color-scheme:light;--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--head:#f3f5f7}
*{box-sizing:border-box}
html{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
body{margin:0}
main,footer{max-width:1120px;margin:0 auto;padding:0 32px}
main{padding-top:28px}
h1{font-size:26px;margin:0 0 4px;letter-spacing:-.01em}
h2{font-size:19px;margin:32px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--ink)}
h3{font-size:15px;margin:22px 0 6px}
h4{font-size:13px;margin:14px 0 4px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
p{margin:6px 0}
.subtitle{color:var(--muted);margin:0 0 14px}
.notice{border:1px solid var(--line);border-left:4px solid var(--ink);padding:8px 12px;margin:12px 0}
.notice.raw{border-left-width:8px;font-weight:600}
code,.mono{font-family:ui-monospace,"SFMono-Regular","DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace;font-size:12px;overflow-wrap:anywhere}
table{width:100%;border-collapse:collapse;margin:8px 0 12px;font-size:13px}
caption{text-align:left;font-weight:600;padding:4px 0;caption-side:top}
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
thead th{overflow-wrap:normal}
thead th{background:var(--head);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px;margin:8px 0}
dl.facts dt{font-weight:600;color:var(--muted)}
dl.facts dd{margin:0}
dl.terms{display:grid;grid-template-columns:max-content 1fr;gap:6px 14px;align-items:baseline;margin:12px 0}
dl.terms dd{margin:0}
ul{margin:4px 0;padding-left:20px}
.tiles{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}
.tile{border:1px solid var(--line);padding:6px 12px;min-width:96px}
.tile strong{display:block;font-size:20px;line-height:1.2}
.tile span{color:var(--muted);font-size:12px}
.badge{display:inline-block;white-space:nowrap;padding:0 7px;border:1px solid;border-radius:3px;font-size:12px;font-weight:600;line-height:1.6}
.st-pass{color:#116329;background:#e9f6ec;border-style:solid}
.st-fail{color:#a40e26;background:#fdecee;border-width:2px;text-transform:uppercase}
.st-partial{color:#7a4b00;background:#fff5db;border-style:dashed}
.st-not-observed{color:#57606a;background:#fff;border-style:dotted;font-weight:400}
.st-out-of-scope{color:#57606a;background:#f6f8fa;border-style:double;border-width:3px;font-weight:400;font-style:italic}
.sev-critical{color:#a40e26;background:#fdecee;border-width:2px;text-transform:uppercase}
.sev-high{color:#a40e26;background:#fff;border-style:solid}
.sev-medium{color:#7a4b00;background:#fff5db;border-style:dashed}
.sev-low{color:#0a4a8a;background:#eef5ff;border-style:dotted}
.sev-info{color:#57606a;background:#fff;border-style:dotted;font-weight:400}
tr.row-fail th{border-left:4px solid #a40e26}
table.controls,table.findings{table-layout:fixed}
table.controls th:nth-child(1){width:11%}
table.controls th:nth-child(2){width:21%}
table.controls th:nth-child(3){width:13%}
table.controls th:nth-child(5){width:27%}
table.controls tbody th{overflow-wrap:normal;word-break:keep-all}
table.findings th:nth-child(1){width:21%}
table.findings th:nth-child(2){width:29%}
table.findings th:nth-child(3){width:22%}
table.overview{width:auto;min-width:66%}
.muted{color:var(--muted)}
.small{font-size:12px}
.counts{display:block;color:var(--muted);font-size:12px;margin-top:2px}
.note{display:block;margin-top:4px;font-size:12px}
article.rule{border-top:1px solid var(--line);padding-top:4px;margin-top:18px}
article.rule h3{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
footer{margin-top:32px;padding-top:12px;padding-bottom:32px;border-top:1px solid var(--line);color:var(--muted);font-size:12px}
footer code{color:var(--ink)}
@page{margin:16mm 14mm 18mm}
@media print{
  html{font-size:10.5pt}
  main,footer{max-width:none;padding:0}
  main{padding-top:0}
  .page{break-before:page}
  h2,h3,h4{break-after:avoid}
  thead{display:table-header-group}
  table.overview{width:100%}
  tr,.tile,dl.facts div{break-inside:avoid}
  table{font-size:9.5pt}
  thead th,.tile,.notice{background:#fff}
  .st-pass,.st-fail,.st-partial,.st-out-of-scope,.sev-critical,.sev-medium,.sev-low{background:#fff}
  *{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
`.trim();

/**
 * Every printed page's foot: the report digest and the page number (CSS Paged Media page-margin boxes,
 * Chromium 131+; a browser without them prints no foot and loses nothing else). The digest is hex, so it
 * needs no escaping inside the CSS string; anything else is refused.
 */
export function printFooterCss(digest: string): string {
  const shown = /^[0-9a-f]{64}$/.test(digest) ? digest : 'unavailable';
  return (
    '@page{' +
    `@bottom-left{content:"JWT Lens audit report · digest sha256:${shown}";font:7pt ui-monospace,"DejaVu Sans Mono",monospace;color:#57606a}` +
    '@bottom-right{content:"Page " counter(page) " of " counter(pages);font:8pt system-ui,sans-serif;color:#57606a}' +
    '}'
  );
}
