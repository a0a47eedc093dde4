import type { LifecycleEvent, LifecycleModel, TokenFamily, TokenUse } from '../lifecycle/types';
import { claimsLayer } from '../token/claims-layer';
import type { AuditResult, TokenRecord } from '../types';
import { countVerdicts, familyUses, usesByFingerprint } from './lifecycle-report';
import { code, escapeText } from './markdown-text';
import { numericDateToIso } from './report-context';

/** Families listed in the table; the JSON report has them all. */
const MAX_FAMILY_ROWS = 200;

/**
 * The "Token lifecycle" section: one line of verdict counts, then a compact row per token family
 * (issued, members, uses, accepted and rejected, refreshed into, logged out, expired). Empty when the
 * capture had no use, family or event to tell of.
 */
export function lifecycleSection(result: AuditResult): string[] {
  const model = result.lifecycle;
  if (model.uses.length === 0 && model.families.length === 0 && model.events.length === 0) return [];
  const counts = countVerdicts(model.uses);
  const lines = [
    '## Token lifecycle',
    '',
    `${counts.uses} use(s) of tokens: ${counts.accepted} accepted, ${counts.rejected} rejected, ` +
      `${counts.unknown} unknown · ${model.events.length} logout or revocation event(s).`,
    '',
  ];
  if (model.families.length === 0) return [...lines, 'No token response seen.', ''];
  return [...lines, ...familyTable(result, model), ''];
}

function familyTable(result: AuditResult, model: LifecycleModel): string[] {
  const byFingerprint = usesByFingerprint(model);
  const records = new Map(result.tokens.map((r) => [r.token.fingerprint, r]));
  const end = result.timeRange?.end ?? numericDateToIso(result.referenceTime) ?? '';
  const rows = model.families
    .slice(0, MAX_FAMILY_ROWS)
    .map((family) => familyRow(family, model, familyUses(family, byFingerprint), records, end));
  const more = model.families.length - rows.length;
  return [
    '| Family | Issued | Members | Uses | Accepted | Rejected | Refreshed into | Logged out | Expired |',
    '| --- | --- | --- | ---: | ---: | ---: | --- | --- | --- |',
    ...rows,
    ...(more > 0
      ? ['', `…and ${more} more famil${more === 1 ? 'y' : 'ies'} (the JSON report has them all).`]
      : []),
  ];
}

function familyRow(
  family: TokenFamily,
  model: LifecycleModel,
  uses: TokenUse[],
  records: Map<string, TokenRecord>,
  end: string,
): string {
  const counts = countVerdicts(uses);
  const issued = [family.issuedAt || 'unknown', family.grantType ? `(${family.grantType})` : '']
    .filter(Boolean)
    .join(' ');
  const children = model.families.filter((f) => f.parent === family.id).map((f) => f.id);
  const cells = [
    code(family.id),
    escapeText(issued),
    family.members.map((m) => `${m.role} ${code(m.fingerprint)}`).join(', ') || '—',
    String(counts.uses),
    String(counts.accepted),
    String(counts.rejected),
    children.length > 0 ? children.map(code).join(', ') : '—',
    escapeText(loggedOut(family, model.events)),
    escapeText(expired(family, records, end)),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** `yes, <time>` once a logout or revocation covering a member succeeded; `failed, <time>` when none did. */
function loggedOut(family: TokenFamily, events: readonly LifecycleEvent[]): string {
  const members = new Set(family.members.map((m) => m.fingerprint));
  const covering = events.filter((e) => e.covers.some((fp) => members.has(fp)));
  const done = covering.find((e) => e.succeeded);
  if (done) return `yes, ${done.at || 'time unknown'}`;
  const tried = covering[0];
  return tried ? `failed, ${tried.at || 'time unknown'}` : 'no';
}

/**
 * When the family's access token (else its first member with an `exp`) expired, and whether that came
 * before the end of the capture (`yes`) or not (`no`).
 */
function expired(family: TokenFamily, records: Map<string, TokenRecord>, end: string): string {
  const ordered = [...family.members].sort(
    (a, b) => Number(b.role === 'access') - Number(a.role === 'access'),
  );
  for (const member of ordered) {
    const record = records.get(member.fingerprint);
    const exp = record ? numericDateToIso(claimsLayer(record.token).claims?.exp) : null;
    if (exp) return `${end && exp <= end ? 'yes' : 'no'}, ${exp}`;
  }
  return '—';
}
