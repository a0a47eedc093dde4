import type { TokenFamily } from '../../core/lifecycle/types';
import type { TokenRecord } from '../../core/types';
import { purposeLabel } from './token-row';

/** How the Timeline groups tokens into lanes. */
export type TimelineGrouping = 'family' | 'issuer';

/** A lane before its marks: which tokens it holds, and the family it draws when it is one. */
export interface LaneSpec {
  id: string;
  label: string;
  /** What the lane is, for its accessible name. */
  description: string;
  fingerprints: string[];
  family?: TokenFamily;
}

/** The issuer a lane groups a token under: its `iss` when a string, else a stand-in that says why. */
export function issuerOf(record: TokenRecord): string {
  const iss = record.token.claims?.iss;
  if (typeof iss === 'string' && iss) return iss;
  return record.token.kind === 'opaque' ? '(opaque tokens)' : '(no issuer)';
}

function familyLane(family: TokenFamily): LaneSpec {
  const roles = family.members.map((m) => purposeLabel(m.role)).join(' + ');
  const grant = family.grantType ? `, ${family.grantType}` : '';
  return {
    id: `family:${family.id}`,
    label: `${family.id} · ${roles || 'no tokens'}`,
    description: `Token family ${family.id} (${roles || 'no tokens'}${grant})`,
    fingerprints: family.members.map((m) => m.fingerprint),
    family,
  };
}

function tokenLane(record: TokenRecord): LaneSpec {
  const fp = record.token.fingerprint;
  const purpose = purposeLabel(record.purpose);
  return {
    id: `token:${fp}`,
    label: `${purpose} ${fp.slice(0, 8)}`,
    description: `${purpose} token ${fp}, in no family`,
    fingerprints: [fp],
  };
}

/** One lane per family, then one per token issued in none (in order of first sighting). */
function familyLanes(families: readonly TokenFamily[], records: readonly TokenRecord[]): LaneSpec[] {
  const inFamily = new Set(families.flatMap((f) => f.members.map((m) => m.fingerprint)));
  return [
    ...families.map(familyLane),
    ...records.filter((r) => !inFamily.has(r.token.fingerprint)).map(tokenLane),
  ];
}

/** One lane per issuer, in order of the issuer's first token. */
function issuerLanes(records: readonly TokenRecord[]): LaneSpec[] {
  const byIssuer = new Map<string, string[]>();
  for (const r of records) {
    const iss = issuerOf(r);
    const list = byIssuer.get(iss) ?? [];
    list.push(r.token.fingerprint);
    byIssuer.set(iss, list);
  }
  return [...byIssuer].map(([iss, fingerprints]) => ({
    id: `issuer:${iss}`,
    label: iss,
    description: `Issuer ${iss}, ${fingerprints.length} token${fingerprints.length === 1 ? '' : 's'}`,
    fingerprints,
  }));
}

/**
 * The lanes of the Timeline, over the tokens shown (`records`, already filtered). A family is drawn when
 * any of its members is shown.
 */
export function laneSpecs(
  grouping: TimelineGrouping,
  families: readonly TokenFamily[],
  records: readonly TokenRecord[],
): LaneSpec[] {
  if (grouping === 'issuer') return issuerLanes(records);
  const shown = new Set(records.map((r) => r.token.fingerprint));
  const visible = families.filter((f) => f.members.some((m) => shown.has(m.fingerprint)));
  return familyLanes(visible, records);
}
