import type {
  ExchangeFacts,
  LifecycleEvent,
  LifecycleModel,
  ServerVerdict,
  TokenFamily,
  TokenUse,
} from '../lifecycle/types';
import { maskValue } from './redact';
import type { ReportContext } from './report-context';
import type {
  JsonAuthorization,
  JsonFamily,
  JsonLifecycle,
  JsonLifecycleEvent,
  JsonSighting,
  JsonUseCounts,
} from './report-types';

/** The verdict fields of a sighting that is a use; none for a sighting that is not one. */
export type JsonVerdictFields = Pick<
  JsonSighting,
  'verdict' | 'verdictReason' | 'wwwAuthenticateError' | 'wwwAuthenticateDescription'
>;

/** Each use's verdict by sighting id: what a report looks up for every sighting it writes. */
export function verdictsBySighting(model: LifecycleModel): Map<string, ServerVerdict> {
  const out = new Map<string, ServerVerdict>();
  for (const use of model.uses) out.set(use.sightingId, use.verdict);
  return out;
}

/** A verdict as sighting fields, its server texts scrubbed like every other string from traffic. */
export function verdictFields(
  verdict: ServerVerdict | undefined,
  scrub: (text: string) => string,
): JsonVerdictFields {
  if (!verdict) return {};
  const out: JsonVerdictFields = { verdict: verdict.verdict, verdictReason: scrub(verdict.reason) };
  if (verdict.error !== undefined) out.wwwAuthenticateError = scrub(verdict.error);
  if (verdict.errorDescription !== undefined)
    out.wwwAuthenticateDescription = scrub(verdict.errorDescription);
  return out;
}

/** Counts uses per verdict. */
export function countVerdicts(uses: Iterable<TokenUse>): JsonUseCounts {
  const counts: JsonUseCounts = { uses: 0, accepted: 0, rejected: 0, unknown: 0 };
  for (const use of uses) {
    counts.uses++;
    counts[use.verdict.verdict]++;
  }
  return counts;
}

/** Every use of each token, by fingerprint. */
export function usesByFingerprint(model: LifecycleModel): Map<string, TokenUse[]> {
  const out = new Map<string, TokenUse[]>();
  for (const use of model.uses) {
    const list = out.get(use.fingerprint);
    if (list) list.push(use);
    else out.set(use.fingerprint, [use]);
  }
  return out;
}

/** The uses of a family's members (a token in two families counts in both). */
export function familyUses(family: TokenFamily, byFingerprint: Map<string, TokenUse[]>): TokenUse[] {
  return family.members.flatMap((member) => byFingerprint.get(member.fingerprint) ?? []);
}

/** The lifecycle section of the JSON report: plain data, scrubbed, with counts. */
export function toJsonLifecycle(model: LifecycleModel, ctx: ReportContext): JsonLifecycle {
  const byFingerprint = usesByFingerprint(model);
  const scrub = (text: string) => ctx.scrub(text);
  return {
    skewSeconds: model.skewSeconds,
    counts: {
      ...countVerdicts(model.uses),
      families: model.families.length,
      events: model.events.length,
      authorizations: model.authorizations.length,
      discovery: model.discovery.length,
    },
    families: model.families.map((family) => toJsonFamily(family, byFingerprint)),
    events: model.events.map((event) => toJsonEvent(event, scrub)),
    authorizations: model.authorizations.map((facts) => toJsonAuthorization(facts, ctx)),
    discovery: model.discovery.map(scrub),
  };
}

function toJsonFamily(family: TokenFamily, byFingerprint: Map<string, TokenUse[]>): JsonFamily {
  return {
    id: family.id,
    issuedBy: family.issuedBy,
    issuedAt: family.issuedAt,
    grantType: family.grantType ?? null,
    members: family.members.map((m) => ({ fingerprint: m.fingerprint, role: m.role })),
    expiresIn: family.expiresIn ?? null,
    parent: family.parent ?? null,
    refreshedWith: family.refreshedWith ?? null,
    authorization: family.authorization ?? null,
    counts: countVerdicts(familyUses(family, byFingerprint)),
  };
}

function toJsonEvent(event: LifecycleEvent, scrub: (text: string) => string): JsonLifecycleEvent {
  return {
    kind: event.kind,
    requestId: event.requestId,
    at: event.at,
    how: scrub(event.how),
    succeeded: event.succeeded,
    origin: scrub(event.origin),
    covers: [...event.covers],
  };
}

/** An authorization request: its `state` and `nonce` masked (`af…`) unless raw output was asked for. */
function toJsonAuthorization(facts: ExchangeFacts, ctx: ReportContext): JsonAuthorization {
  const params = facts.authorization ?? {};
  const secret = (value: string | undefined) =>
    value === undefined ? null : ctx.includeRaw ? value : maskValue(value);
  const text = (value: string | undefined) => (value === undefined ? null : ctx.scrub(value));
  return {
    requestId: facts.requestId,
    at: facts.startedAt,
    url: ctx.scrub(facts.url),
    status: facts.status,
    clientId: text(params.clientId),
    responseType: text(params.responseType),
    redirectUri: text(params.redirectUri),
    scope: text(params.scope),
    state: secret(params.state),
    nonce: secret(params.nonce),
    codeChallengeMethod: text(params.codeChallengeMethod),
  };
}
