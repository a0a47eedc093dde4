import type { ComplianceReport } from '../../compliance/types';
import type { AuditResult, Finding, Sighting } from '../../types';
import { byRule } from '../compliance-markdown';
import { formatReference } from '../format-reference';
import type { ReportContext } from '../report-context';
import { severityBadge } from './badges';
import { type Child, el, type Html } from './markup';
import { plural } from './scope';

/** Findings listed per rule; the count is always exact, and the JSON report lists every finding. */
const MAX_FINDINGS_PER_RULE = 50;
/** Requests listed under a finding, as in the Markdown reports. */
const MAX_SEEN_IN = 3;

/** What a finding row needs without a second pass over the result. */
interface Lookup {
  ctx: ReportContext;
  sightings: ReadonlyMap<string, Sighting>;
  masked: ReadonlyMap<string, string>;
  /** Per rule id, the controls (`PCI DSS 8.3.2`) it has findings under. */
  controls: ReadonlyMap<string, string[]>;
}

/** The findings, one block per rule (most severe first), each with its evidence, redacted like every report. */
export function findingsSection(
  result: AuditResult,
  compliance: ComplianceReport | undefined,
  ctx: ReportContext,
): Html {
  const sightings = new Map<string, Sighting>();
  for (const record of result.tokens) for (const s of record.sightings) sightings.set(s.id, s);
  const masked = new Map(result.tokens.map((r) => [r.token.fingerprint, ctx.show(r.token.text)]));
  const lookup: Lookup = { ctx, sightings, masked, controls: controlsByRule(compliance) };
  const groups = byRule(result.findings);
  return el(
    'section',
    { id: 'findings', class: 'page', 'aria-label': 'Findings' },
    el('h2', null, 'Findings'),
    el(
      'p',
      null,
      `${plural(result.findings.length, 'finding')} from ${plural(groups.length, 'rule')}; ${plural(result.ignoredCount, 'finding')} ignored by policy.`,
    ),
    groups.length === 0 ? el('p', { 'data-testid': 'no-findings' }, 'No findings.') : null,
    groups.map((group) => ruleBlock(group, lookup)),
  );
}

function controlsByRule(compliance: ComplianceReport | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { framework, controls } of compliance?.frameworks ?? []) {
    for (const control of controls) {
      for (const ruleId of new Set(control.findings.map((f) => f.ruleId))) {
        const list = out.get(ruleId) ?? [];
        list.push(`${framework.name} ${control.control}`);
        out.set(ruleId, list);
      }
    }
  }
  return out;
}

function ruleBlock(group: readonly Finding[], lookup: Lookup): Html {
  const first = group[0] as Finding;
  const controls = lookup.controls.get(first.ruleId) ?? [];
  const shown = group.slice(0, MAX_FINDINGS_PER_RULE);
  return el(
    'article',
    { class: 'rule', 'data-rule': first.ruleId },
    el(
      'h3',
      null,
      severityBadge(first.severity),
      el('code', null, first.ruleId),
      el('span', null, first.title),
      el('span', { class: 'muted small' }, `(${plural(group.length, 'finding')})`),
    ),
    first.why ? el('p', null, first.why) : null,
    first.references.length
      ? el(
          'p',
          { class: 'small' },
          el('strong', null, 'References: '),
          first.references.map(formatReference).join(', '),
        )
      : null,
    controls.length
      ? el('p', { class: 'small' }, el('strong', null, 'Controls: '), controls.join(', '))
      : null,
    findingTable(shown, lookup),
    group.length > shown.length
      ? el(
          'p',
          { class: 'muted small' },
          `…and ${group.length - shown.length} more (the JSON report lists every finding).`,
        )
      : null,
  );
}

function findingTable(findings: readonly Finding[], lookup: Lookup): Html {
  const head = el(
    'tr',
    null,
    el('th', { scope: 'col' }, 'Token'),
    el('th', { scope: 'col' }, 'Detail'),
    el('th', { scope: 'col' }, 'Evidence'),
    el('th', { scope: 'col' }, 'Seen in'),
  );
  return el(
    'table',
    { class: 'findings' },
    el('thead', null, head),
    el(
      'tbody',
      null,
      findings.map((f) => findingRow(f, lookup)),
    ),
  );
}

function findingRow(finding: Finding, { ctx, sightings, masked }: Lookup): Html {
  const fp = finding.fingerprint;
  const token: Child = fp
    ? [el('code', null, fp), el('span', { class: 'counts mono' }, masked.get(fp) ?? '')]
    : el('span', { class: 'muted' }, 'exchange (no token)');
  const evidence = finding.evidence.map((e) => {
    const value = ctx.includeRaw ? (e.raw ?? e.value) : ctx.scrub(e.value, fp);
    return el('li', null, ctx.scrub(e.label, fp), ': ', el('code', null, value));
  });
  const seen = finding.sightingIds
    .map((id) => sightings.get(id))
    .filter((s): s is Sighting => s !== undefined);
  const seenItems = seen.slice(0, MAX_SEEN_IN).map((s) => el('li', null, describeSighting(s, ctx, fp)));
  if (seen.length > MAX_SEEN_IN) seenItems.push(el('li', null, `…and ${seen.length - MAX_SEEN_IN} more`));
  return el(
    'tr',
    { 'data-finding': finding.ruleId },
    el('td', null, token),
    el('td', null, ctx.scrub(finding.detail, fp)),
    el('td', null, evidence.length ? el('ul', null, evidence) : '—'),
    el('td', null, seenItems.length ? el('ul', null, seenItems) : '—'),
  );
}

/** `GET url → 200 (request-header Authorization)`, scrubbed of the token and its personal values. */
function describeSighting(s: Sighting, ctx: ReportContext, fp: string): Child {
  const where = [` (${s.where} `, el('code', null, ctx.scrub(s.name, fp)), ')'];
  if (!s.url) return [s.where, ' ', el('code', null, ctx.scrub(s.name, fp))];
  return [s.method, ' ', el('code', null, ctx.scrub(s.url, fp)), ` → ${s.status || 'no response'}`, where];
}
