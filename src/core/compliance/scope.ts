import { parseUrlParts } from '../capture/url-parts';
import { sha256, toHex } from '../crypto/sha256';
import { hostOf } from '../rules/context/sighting-facts';
import type { AuditResult } from '../types';
import type { ComplianceScope } from './types';

const encoder = new TextEncoder();

/** JSON with object keys sorted at every level: the same policy always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 (hex) of the policy's canonical JSON. */
export function policyDigest(policy: unknown): string {
  return toHex(sha256(encoder.encode(canonicalJson(policy))));
}

/** What the statuses speak for: inputs, time range, hosts, counts, tool and policy digest. */
export function complianceScope(
  result: AuditResult,
  tool: { name: string; version: string },
  inputs: readonly string[],
): ComplianceScope {
  const hosts = new Set<string>();
  const requests = new Set<string>();
  let sightings = 0;
  for (const record of result.tokens) {
    for (const s of record.sightings) {
      sightings++;
      // A token-list line is a sighting but no request: only sightings with a URL count as requests.
      if (!s.url) continue;
      requests.add(s.requestId);
      const host = hostOf(s);
      if (host) hosts.add(host);
    }
  }
  for (const o of result.observations) {
    requests.add(o.requestId);
    const host = parseUrlParts(o.url).host;
    if (host) hosts.add(host);
  }
  return {
    inputs: [...inputs],
    timeRange: result.timeRange ? { start: result.timeRange.start, end: result.timeRange.end } : null,
    hosts: [...hosts].sort(),
    tokens: result.tokens.length,
    sightings,
    requests: requests.size,
    tool: { name: tool.name, version: tool.version },
    policyDigest: policyDigest(result.policy),
  };
}
