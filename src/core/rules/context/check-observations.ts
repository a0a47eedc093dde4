import { parseUrlParts } from '../../capture/url-parts';
import type { CaptureHit, ExchangeObservation, Severity } from '../../types';
import { isCleartextScheme, LOOPBACK_ONLY, staysOnLoopback } from './hosts';
import { listNames, unique } from './sighting-facts';

const RULE_OF: Record<ExchangeObservation['kind'], string> = {
  'basic-auth': 'basic-auth-credentials',
  'password-in-url': 'credentials-in-url',
  'password-in-body': 'credentials-in-har',
};

/** Observations that say the same thing (same kind, host and field) become one finding. */
function groupObservations(observations: readonly ExchangeObservation[]): ExchangeObservation[][] {
  const groups = new Map<string, ExchangeObservation[]>();
  for (const o of observations) {
    const key = `${o.kind}\u0000${parseUrlParts(o.url).host}\u0000${o.name}`;
    const list = groups.get(key);
    if (list) list.push(o);
    else groups.set(key, [o]);
  }
  return [...groups.values()];
}

function describe(first: ExchangeObservation, host: string, requests: string): string {
  if (first.kind === 'basic-auth')
    return `HTTP Basic credentials in ${first.name} sent to ${host} in ${requests}`;
  if (first.kind === 'password-in-url') {
    const where =
      first.name === 'userinfo' ? 'the userinfo (user:password@)' : `query parameter "${first.name}"`;
    return `password in ${where} of the URL of ${requests} to ${host}`;
  }
  return `clear-text "${first.name}" in the request body of ${requests} to ${host}, recorded in the capture`;
}

/** ` over plain http`, and whether that reached the network (not only loopback hosts, `staysOnLoopback`). */
function cleartextOf(group: readonly ExchangeObservation[], host: string): { note: string; remote: boolean } {
  if (!group.some((o) => isCleartextScheme(o.scheme))) return { note: '', remote: false };
  const local = staysOnLoopback([host]);
  return { note: ` over plain http${local ? LOOPBACK_ONLY : ''}`, remote: !local };
}

/**
 * The auxiliary, non-JWT rules over exchange observations: `basic-auth-credentials` (medium; high when
 * any request went over http/ws to a host off the machine), `credentials-in-url` (high) and
 * `credentials-in-har` (low). One hit per
 * (kind, host, field); `fingerprint` is `''` since no token is involved. Values are already masked.
 */
export function checkObservations(observations: ExchangeObservation[]): CaptureHit[] {
  return groupObservations(observations).map((group) => {
    const first = group[0] as ExchangeObservation;
    const host = parseUrlParts(first.url).host || '(unknown host)';
    const n = unique(group.map((o) => `${o.requestId}\u0000${o.startedAt}`)).length;
    const requests = n === 1 ? '1 request' : `${n} requests`;
    const cleartext = cleartextOf(group, host);
    let severity: Severity | undefined;
    if (first.kind === 'basic-auth') severity = cleartext.remote ? 'high' : 'medium';
    const hit: CaptureHit = {
      ruleId: RULE_OF[first.kind],
      fingerprint: '',
      detail: `${describe(first, host, requests)}${cleartext.note}`,
      evidence: [
        { label: first.name, value: listNames(unique(group.map((o) => o.masked))) },
        ...unique(group.map((o) => o.url))
          .slice(0, 3)
          .map((value) => ({ label: 'URL', value })),
      ],
    };
    if (severity) hit.severity = severity;
    return hit;
  });
}
