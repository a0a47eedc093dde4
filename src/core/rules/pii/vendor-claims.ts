import { pathNames } from './walk-json';

/**
 * What major issuers document their own claims to hold, so that the secret recognizers do not read a
 * vendor's identifiers, hashes or metadata as credentials, nor the OIDC recognizer a pod's `name` as a
 * person's. Consulted only for a value that a claim *name* or the value's entropy made suspect: a value
 * whose shape proves a secret (PEM private key, password hash, prefixed API key) is reported wherever it
 * sits, vendor structures included. Rows are matched by path whatever the token's `iss`: the paths are
 * specific to their issuer, and emulators and self-hosted deployments use other issuer URLs.
 */

/** What a claim holds according to its issuer. */
export type ClaimMeaning =
  /** An identifier of a user, session, tenant, run or object: personal data at most, never a credential. */
  | 'identifier'
  /** A hash or digest bound to something else (`at_hash`, a commit SHA): not a password hash. */
  | 'digest'
  /** Facts about a credential (when a password expires, where to change it), not the credential. */
  | 'metadata'
  /** Names a workload or machine (pod, node, service account): neither a credential nor personal data. */
  | 'workload';

/** One documented claim (or family of claims) of an issuer. */
export interface VendorClaim {
  issuer: string;
  /**
   * Member names from the claims' root, array positions left out. `*` stands for any one name, `xms_*`
   * for any name that starts with `xms_`: `['firebase', 'identities', '*']` covers
   * `firebase.identities.password[0]`.
   */
  path: readonly string[];
  meaning: ClaimMeaning;
}

/**
 * A table row: the issuer, what the claims hold, and their paths written as display paths (see
 * `childPath`: names with dots, colons or slashes in `["…"]`) with `*` wildcards.
 */
type Rows = readonly [issuer: string, meaning: ClaimMeaning, paths: readonly string[]][];

const ROWS: Rows = [
  // Firebase ID tokens: `firebase.identities` maps each sign-in provider (`email`, `password`, `phone`,
  // `google.com`…) to "the user's list of unique identifiers from each provider"; `firebase` is a
  // reserved claim that custom claims cannot set. Sources: firebase.google.com/docs/reference/js/v8/
  // firebase.FirebaseIdToken; firebase-admin reserved claims (acr, amr, at_hash, …, firebase, …).
  ['Firebase', 'identifier', ['firebase.identities.*', 'firebase.sign_in_provider', 'firebase.tenant']],
  ['Firebase', 'identifier', ['firebase.sign_in_second_factor', 'firebase.second_factor_identifier']],
  ['Firebase', 'identifier', ['user_id', 'provider_id']],
  // Microsoft Entra ID v1/v2: `aio`, `rh`, `uti` are opaque internal claims ("should be ignored"); `oid`,
  // `tid`, `sid`, `puid`, `onprem_sid` identify objects. `pwd_exp` is the seconds until the user's password
  // expires and `pwd_url` where to change it ([MS-OIDCE] §2.2.3.2.1; learn.microsoft.com/entra/
  // identity-platform/access-token-claims-reference and id-token-claims-reference).
  ['Microsoft Entra ID', 'metadata', ['pwd_exp', 'pwd_url']],
  ['Microsoft Entra ID', 'identifier', ['aio', 'rh', 'uti', 'oid', 'tid', 'sid', 'puid', 'onprem_sid']],
  ['Microsoft Entra ID', 'identifier', ['home_oid', 'xms_*', 'wids', 'acct', 'appid', 'azp', 'deviceid']],
  // OpenID Connect Core §3.1.3.6, §3.3.2.11: `at_hash`, `c_hash`, `s_hash` are hashes of the access
  // token / code / state, published on purpose; `nonce` is a replay guard (Google, Apple, Okta…).
  ['OpenID Connect', 'digest', ['at_hash', 'c_hash', 's_hash']],
  ['OpenID Connect', 'identifier', ['nonce', 'sid', 'azp']],
  // Google ID tokens: `hd` is the Workspace domain (developers.google.com/identity/openid-connect).
  ['Google', 'identifier', ['hd']],
  // Okta: `cid` is the client id, `uid` the user id, `scp` the scopes (developer.okta.com/docs/reference/
  // api/oidc/#access-token-payload).
  ['Okta', 'identifier', ['cid', 'uid', 'scp']],
  // AWS Cognito: `origin_jti`, `event_id` identify the authentication event; `token_use` says id/access
  // (docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html).
  ['AWS Cognito', 'identifier', ['origin_jti', 'event_id', 'token_use', '["cognito:username"]']],
  ['AWS Cognito', 'identifier', ['["cognito:groups"]', '["cognito:roles"]', '["cognito:preferred_role"]']],
  // Federated users' `identities`: one object per linked provider, with these fields only.
  ['AWS Cognito', 'identifier', ['identities.userId', 'identities.providerName', 'identities.providerType']],
  ['AWS Cognito', 'identifier', ['identities.issuer', 'identities.primary', 'identities.dateCreated']],
  // Keycloak: `session_state` and `sid` identify the SSO session (keycloak.org/docs, OIDC token claims).
  ['Keycloak', 'identifier', ['session_state', 'realm_access.*', 'resource_access.*.*']],
  // Sign in with Apple: `transfer_sub` identifies the user during an app transfer; `is_private_email`,
  // `real_user_status` are flags (developer.apple.com/documentation/sign_in_with_apple/
  // authenticating-users-with-sign-in-with-apple).
  ['Apple', 'identifier', ['transfer_sub', 'is_private_email', 'real_user_status', 'nonce_supported']],
  // Kubernetes service-account tokens: the `kubernetes.io` object names the namespace, service account,
  // pod, node and secret the token is bound to (kubernetes.io/docs/reference/access-authn-authz/
  // service-accounts-admin); legacy tokens flatten it into `kubernetes.io/serviceaccount/…` claims.
  ['Kubernetes', 'workload', ['["kubernetes.io"].*', '["kubernetes.io"].*.*']],
  ['Kubernetes', 'workload', ['["kubernetes.io/serviceaccount/*"]']],
  // GitHub Actions OIDC: `sha`, `workflow_sha`, `job_workflow_sha` are commit SHAs, the `*_id` claims
  // numeric ids (docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/
  // about-security-hardening-with-openid-connect).
  ['GitHub Actions', 'digest', ['sha', 'workflow_sha', 'job_workflow_sha']],
  ['GitHub Actions', 'identifier', ['run_id', 'run_number', 'run_attempt', 'repository_id']],
  ['GitHub Actions', 'identifier', ['repository_owner_id', 'actor_id', 'environment_node_id']],
  // Supabase Auth: `session_id` identifies the session, `aal`/`amr` the assurance level and methods
  // (supabase.com/docs/guides/auth/jwt-fields). `app_metadata`/`user_metadata` hold arbitrary data
  // (user_metadata is user-editable), so they get no entry: a password there is still a password.
  ['Supabase', 'identifier', ['session_id', 'aal', 'amr.*', 'app_metadata.provider']],
  ['Supabase', 'identifier', ['app_metadata.providers']],
];

/** Every documented claim, one entry per path (patterns are display paths, read the same way). */
export const VENDOR_CLAIMS: readonly VendorClaim[] = ROWS.flatMap(([issuer, meaning, paths]) =>
  paths.map((p) => ({ issuer, meaning, path: pathNames(p) ?? [p] })),
);

/** Entries by their first name (`*` never starts a path), so a lookup reads a handful of rows. */
const BY_ROOT = new Map<string, VendorClaim[]>();
for (const claim of VENDOR_CLAIMS) {
  const root = claim.path[0] ?? '';
  BY_ROOT.set(root, [...(BY_ROOT.get(root) ?? []), claim]);
}

/** `*` matches any name, `xms_*` any name starting with `xms_`, anything else itself. */
function nameMatches(pattern: string, name: string): boolean {
  if (!pattern.endsWith('*')) return pattern === name;
  return name.startsWith(pattern.slice(0, -1));
}

function matches(pattern: readonly string[], names: readonly string[]): boolean {
  return pattern.length === names.length && pattern.every((p, i) => nameMatches(p, names[i] ?? ''));
}

/** Roots of globbed rows (`xms_`): a name under them is looked up by its prefix too. */
const GLOB_ROOTS = [...BY_ROOT.keys()].filter((r) => r.endsWith('*')).map((r) => r.slice(0, -1));

/**
 * Whether the member at `path` is documented to name a workload, not a person: `kubernetes.io.pod.name`
 * is a pod's name, not the OIDC `name` claim.
 */
export function namesWorkload(path: string): boolean {
  return vendorClaimAt(path)?.meaning === 'workload';
}

/** The documented claim a leaf at `path` is, if any. Cheap enough per suspect leaf, not meant per leaf. */
export function vendorClaimAt(path: string): VendorClaim | undefined {
  const names = pathNames(path);
  if (!names || names.length === 0) return undefined;
  const root = names[0] ?? '';
  const rows = [...(BY_ROOT.get(root) ?? [])];
  for (const g of GLOB_ROOTS) if (root.startsWith(g)) rows.push(...(BY_ROOT.get(`${g}*`) ?? []));
  return rows.find((row) => matches(row.path, names));
}
