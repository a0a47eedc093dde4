import type { LifecycleModel, ServerVerdict, TokenFamily } from '../../core/lifecycle/types';

/** A token's place in one family: issued with whom, refreshed from which family and into which. */
export interface FamilyLinks {
  family: TokenFamily;
  /** The other members of the family (issued in the same token response). */
  issuedWith: TokenFamily['members'];
  /** The family whose refresh token was presented to get this one, and that refresh token when known. */
  from?: { family: TokenFamily | undefined; familyId: string; refreshToken?: string };
  /** Families produced by presenting this family's refresh token. */
  into: TokenFamily[];
}

/** Every family the token is a member of (a refresh token that was not rotated can be in several). */
export function familyLinksOf(lifecycle: LifecycleModel, fingerprint: string): FamilyLinks[] {
  const byId = new Map(lifecycle.families.map((f) => [f.id, f]));
  return lifecycle.families
    .filter((f) => f.members.some((m) => m.fingerprint === fingerprint))
    .map((family) => ({
      family,
      issuedWith: family.members.filter((m) => m.fingerprint !== fingerprint),
      ...(family.parent
        ? {
            from: {
              family: byId.get(family.parent),
              familyId: family.parent,
              ...(family.refreshedWith ? { refreshToken: family.refreshedWith } : {}),
            },
          }
        : {}),
      into: lifecycle.families.filter((f) => f.parent === family.id),
    }));
}

/** The server's verdict on each sighting that was a use of a token, by sighting id. */
export function verdictsBySighting(lifecycle: LifecycleModel): Map<string, ServerVerdict> {
  return new Map(lifecycle.uses.map((u) => [u.sightingId, u.verdict]));
}
