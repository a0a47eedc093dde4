import { describe, expect, it } from 'vitest';
import { goodToken, hitOf, ids, NOW, run } from './helpers';

/**
 * Claims sets of the major issuers, written after each one's documented example payload (values of the
 * documented shape and length; times moved to the rule tests' clock). None carries a secret: every one
 * must stay free of `secret-in-payload`. The near misses below put real credentials into the same
 * structures, and those must still be found.
 */
const ISSUERS: Record<string, Record<string, unknown>> = {
  // firebase.google.com/docs/reference/js/v8/firebase.FirebaseIdToken: `identities` maps each provider to
  // the user's identifiers (the e-mail under `email`/`password`, the E.164 number under `phone`).
  Firebase: {
    iss: 'https://securetoken.google.com/demo-project',
    aud: 'demo-project',
    auth_time: NOW - 120,
    user_id: 'vfFQcZ5r6caXi9X9v4Dxtx8VYEI2',
    sub: 'vfFQcZ5r6caXi9X9v4Dxtx8VYEI2',
    email: 'jane@example.com',
    email_verified: true,
    phone_number: '+15555550100',
    firebase: {
      identities: {
        email: ['jane@example.com'],
        password: ['jane@example.com'],
        phone: ['+15555550100'],
        'google.com': ['110169484474386276334'],
      },
      sign_in_provider: 'password',
    },
  },
  // auth0.com/docs/secure/tokens/json-web-tokens/create-custom-claims (namespaced custom claims) and
  // auth0.com/docs/secure/tokens/access-tokens/access-token-profiles.
  Auth0: {
    iss: 'https://dev-abc123.us.auth0.com/',
    sub: 'auth0|5f7c8ec7c33c6c004bbafe82',
    aud: ['https://api.example.com', 'https://dev-abc123.us.auth0.com/userinfo'],
    azp: 'my_client_id_4Xk9ZpQ2',
    scope: 'openid profile read:messages',
    gty: 'password',
    permissions: ['read:messages'],
    'https://example.com/roles': ['editor'],
    'https://example.com/app_metadata': { plan: 'pro', signup_method: 'password' },
    'https://example.com/email': 'jane@example.com',
  },
  // developer.okta.com/docs/reference/api/oidc/#access-token-payload (cid, uid, scp; `AT.` jti).
  Okta: {
    ver: 1,
    jti: 'AT.0mP4JKAZX1iACIT4vbEDF7LpvDVjxypPMf0D7uX39RE',
    iss: 'https://dev-133337.okta.com/oauth2/default',
    aud: 'api://default',
    cid: '0oa1ga7xp2kbJOKiD0h8',
    uid: '00uid4BxXw6I6TV4m0g3',
    scp: ['openid', 'email', 'profile'],
    sub: 'john.doe@example.com',
    auth_time: NOW - 300,
    amr: ['pwd'],
  },
  // learn.microsoft.com/entra/identity-platform/access-token-claims-reference (v1.0); pwd_exp and pwd_url
  // from [MS-OIDCE] §2.2.3.2.1 (seconds until the password expires, where to change it).
  'Microsoft Entra ID v1': {
    aud: 'https://graph.microsoft.com',
    iss: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
    acct: 0,
    aio: 'E2ZgYJjxYnnmh7D7vbS2p3EoX8L2T1O2uXq8Mn7tEvb7t1CHE1GwA=',
    amr: ['pwd', 'mfa'],
    app_displayname: 'Contoso App',
    appid: '00000003-0000-0000-c000-000000000000',
    appidacr: '0',
    idtyp: 'user',
    ipaddr: '203.0.113.42',
    oid: '8d4a3f2e-1b6c-4e2a-9a7f-5c3d2e1f0a9b',
    onprem_sid: 'S-1-5-21-2127521184-1604012920-1887927527-12345678',
    puid: '10033FFF8B9A5C7D',
    pwd_exp: '1209600',
    pwd_url: 'https://portal.microsoftonline.com/ChangePassword.aspx',
    rh: '0.AXQAv4j5cvGGr0GRqy180BHbRwMAAAAAAAAAwAAAAAAAAAB0AJ0.',
    scp: 'User.Read Mail.Read',
    tid: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    unique_name: 'jane@contoso.com',
    uti: 'fqiBqXLPj0eQa82S-IYFAA',
    ver: '1.0',
    wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509'],
    xms_st: { sub: 'Kx5yUfT3rC1v2qR7nYk9bXhZ0aGdWq4eP8sJ6tLmN3o' },
    xms_tcdt: 1289241547,
  },
  // learn.microsoft.com/entra/identity-platform/access-token-claims-reference (v2.0).
  'Microsoft Entra ID v2': {
    aud: '6e74172b-be56-4843-9ff4-e66a39bb12e3',
    iss: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
    aio: 'AXQAi/8IAAAAqxsuB+R4D2rFQqOETO4YdXbLD9kZ8xfXadeAM0Q2NkNT5izfg3uwbWSXhuSSj6UT5hy2D6WqAp',
    azp: '6e74172b-be56-4843-9ff4-e66a39bb12e3',
    azpacr: '0',
    name: 'Abe Lincoln',
    oid: '690222be-ff1a-4d56-abd1-7e4f7d38e474',
    preferred_username: 'abeli@microsoft.com',
    rh: 'I',
    scp: 'access_as_user',
    sid: '0035b9b4-8c36-6b1f-9a7a-14c8e9f6e0d1',
    tid: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    uti: 'fqiBqXLPj0eQa82S-IYFAA',
    ver: '2.0',
    xms_cc: ['cp1'],
    xms_ftd: 'kdNJ5ijFqqHRM6P2iWzNPq7a4xLQQh0w1mYcXnyR3EAYdXNlYXN0LWRzbXM',
  },
  // developers.google.com/identity/openid-connect/openid-connect#an-id-tokens-payload.
  Google: {
    iss: 'https://accounts.google.com',
    azp: '1234987819200.apps.googleusercontent.com',
    aud: '1234987819200.apps.googleusercontent.com',
    sub: '10769150350006150715113082367',
    at_hash: 'HK6E_P6Dh8Y93mRNtsDB1Q',
    hd: 'example.com',
    email: 'jsmith@example.com',
    email_verified: true,
    nonce: '0394852-3190485-2490358',
  },
  // docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
  // and …-using-the-access-token.html.
  'AWS Cognito': {
    sub: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    'cognito:groups': ['test-group-a', 'test-group-b'],
    email_verified: true,
    iss: 'https://cognito-idp.us-west-2.amazonaws.com/us-west-2_example',
    'cognito:username': 'my-test-user',
    origin_jti: 'cccccccc-dddd-eeee-ffff-aaaaaaaaaaaa',
    'cognito:roles': ['arn:aws:iam::111122223333:role/my-test-role'],
    aud: '1example23456789',
    identities: [
      {
        userId: '110169484474386276334',
        providerName: 'Google',
        providerType: 'Google',
        issuer: null,
        primary: 'true',
        dateCreated: '1642699117273',
      },
    ],
    event_id: '64f513be-32db-42b0-b78e-b02127b4f463',
    token_use: 'id',
    auth_time: NOW - 60,
    email: 'test-user@example.com',
  },
  // Keycloak access token (keycloak.org/docs/latest/server_admin, "OpenID Connect" token claims).
  Keycloak: {
    iss: 'http://localhost:8080/realms/myrealm',
    aud: 'account',
    sub: 'f1e2d3c4-b5a6-4978-8a1b-2c3d4e5f6a7b',
    typ: 'Bearer',
    azp: 'myclient',
    session_state: '5a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
    acr: '1',
    'allowed-origins': ['http://localhost:3000'],
    realm_access: { roles: ['offline_access', 'uma_authorization', 'default-roles-myrealm'] },
    resource_access: { account: { roles: ['manage-account', 'view-profile'] } },
    scope: 'openid email profile',
    sid: '5a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
    email_verified: false,
    preferred_username: 'myuser',
  },
  // developer.apple.com/documentation/sign_in_with_apple/authenticating-users-with-sign-in-with-apple.
  Apple: {
    iss: 'https://appleid.apple.com',
    aud: 'com.example.app',
    sub: '001234.0a1b2c3d4e5f60718293a4b5c6d7e8f9.1234',
    c_hash: 'kYa3lqZRrqAuqQ9T2Vw3Ew',
    nonce: '2d7f0c1b0a7c8e3b91f2d4c8a6e5b3f1c9d8e7a6b5c4d3e2f1a0b9c8d7e6f5a4',
    nonce_supported: true,
    email: 'k8s7q2x9zb@privaterelay.appleid.com',
    email_verified: 'true',
    is_private_email: 'true',
    auth_time: NOW - 30,
    real_user_status: 2,
    transfer_sub: '000987.f1e2d3c4b5a6978877665544332211ff.0987',
  },
  // kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin (bound token claims).
  Kubernetes: {
    aud: ['https://kubernetes.default.svc.cluster.local'],
    iss: 'https://kubernetes.default.svc.cluster.local',
    'kubernetes.io': {
      namespace: 'kube-system',
      node: { name: '127.0.0.1', uid: '58456cb0-dd00-45ed-b797-5578fdceaced' },
      pod: { name: 'coredns-69cbfb9798-jv9gn', uid: '778a530c-b3f4-47c0-9cd5-ab018fb64f33' },
      serviceaccount: { name: 'coredns', uid: 'a087d5a0-e1dd-43ec-93ac-f13d89cd13af' },
      warnafter: NOW + 3000,
    },
    sub: 'system:serviceaccount:kube-system:coredns',
  },
  // Legacy secret-based service-account tokens (the same page, "legacy" tokens).
  'Kubernetes (legacy)': {
    iss: 'kubernetes/serviceaccount',
    'kubernetes.io/serviceaccount/namespace': 'default',
    'kubernetes.io/serviceaccount/secret.name': 'default-token-7p5xk',
    'kubernetes.io/serviceaccount/service-account.name': 'default',
    'kubernetes.io/serviceaccount/service-account.uid': 'a087d5a0-e1dd-43ec-93ac-f13d89cd13af',
    sub: 'system:serviceaccount:default:default',
  },
  // docs.github.com/actions/reference/security/oidc (example token, SHAs at their real 40-hex length).
  'GitHub Actions': {
    jti: 'example-id',
    sub: 'repo:octo-org/octo-repo:environment:prod',
    environment: 'prod',
    aud: 'https://github.com/octo-org',
    ref: 'refs/heads/main',
    sha: 'd6a5b4c3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7',
    repository: 'octo-org/octo-repo',
    repository_owner: 'octo-org',
    actor_id: '12',
    repository_visibility: 'private',
    repository_id: '74',
    repository_owner_id: '65',
    run_id: '9876543210',
    run_number: '10',
    run_attempt: '2',
    runner_environment: 'github-hosted',
    actor: 'octocat',
    workflow: 'example-workflow',
    head_ref: '',
    base_ref: '',
    event_name: 'workflow_dispatch',
    ref_type: 'branch',
    workflow_ref: 'octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
    workflow_sha: '5f4dcc3b5aa765d61d8327deb882cf995f4dcc3b',
    job_workflow_ref: 'octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
    job_workflow_sha: '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12',
    iss: 'https://token.actions.githubusercontent.com',
  },
  // SPIFFE JWT-SVID (github.com/spiffe/spiffe/blob/main/standards/JWT-SVID.md §3).
  SPIFFE: {
    aud: ['spiffe://example.org/backend'],
    sub: 'spiffe://example.org/frontend',
    iss: 'https://oidc-discovery.example.org',
  },
  // supabase.com/docs/guides/auth/jwt-fields (required claims, amr in both documented forms).
  Supabase: {
    iss: 'https://abcdefghijklmnopqrst.supabase.co/auth/v1',
    aud: 'authenticated',
    sub: '123e4567-e89b-12d3-a456-426614174000',
    role: 'authenticated',
    aal: 'aal1',
    session_id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    email: 'user@example.com',
    phone: '',
    is_anonymous: false,
    amr: [{ method: 'password', timestamp: NOW - 100 }],
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: { email: 'user@example.com', email_verified: true, phone_verified: false },
  },
};

describe('secret-in-payload on issuers’ documented claims', () => {
  it.each(Object.entries(ISSUERS))('%s: no secret', (_issuer, claims) => {
    expect(ids(run(goodToken(claims)))).not.toContain('secret-in-payload');
  });

  it('reads Firebase identities as personal data: the e-mail under `password` is PII, not a secret', () => {
    const hits = run(goodToken(ISSUERS.Firebase));
    expect(hitOf(hits, 'pii-oidc-claims')?.evidence?.map((e) => e.label)).toContain(
      'firebase.identities.email',
    );
    const byValue = hitOf(hits, 'pii-value-pattern')?.detail ?? '';
    expect(byValue).toContain('firebase.identities.password[0]: e-mail address');
    expect(byValue).toContain('firebase.identities.phone[0]: phone number (E.164)');
  });

  it('reads the names in a Kubernetes token as workload names, not a person’s name', () => {
    expect(ids(run(goodToken(ISSUERS.Kubernetes)))).not.toContain('pii-oidc-claims');
    const person = { ...ISSUERS.Kubernetes, user: { name: 'Jane Doe' } };
    expect(hitOf(run(goodToken(person)), 'pii-oidc-claims')?.evidence?.map((e) => e.label)).toEqual([
      'user.name',
    ]);
  });

  it('leaves Entra’s pwd_exp and pwd_url to what they are: password metadata', () => {
    const claims = { pwd_exp: '1209600', pwd_url: 'https://portal.microsoftonline.com/ChangePassword.aspx' };
    expect(ids(run(goodToken(claims)))).not.toContain('secret-in-payload');
  });

  it.each([
    { csrf_token: 'Kx5yUfT3rC1v2qR7nYk9bXhZ0aGdWq4eP8sJ6tLmN3o' },
    { xsrfToken: 'Kx5yUfT3rC1v2qR7nYk9bXhZ0aGdWq4eP8sJ6tLmN3o' },
    { session: { _csrf: 'Kx5yUfT3rC1v2qR7nYk9bXhZ0aGdWq4eP8sJ6tLmN3o' } },
    { csrfmiddlewaretoken: 'Kx5yUfT3rC1v2qR7nYk9bXhZ0aGdWq4eP8sJ6tLmN3oKx5yUfT3rC1v2qR7nYk9' },
    { __RequestVerificationToken: 'CfDJ8Kx5yUfT3rC1v2qR7nYk9bXhZ0aGdWq4eP8sJ6tLmN3o' },
  ])('an anti-forgery token is client-visible by design: %o', (claims) => {
    expect(ids(run(goodToken(claims)))).not.toContain('secret-in-payload');
  });

  it.each([
    { private_key_id: '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12' },
    { api_key_name: 'ci-deploy' },
    { password_reset_url: 'https://id.example.com/reset' },
    { publishable_key: 'pk_live_51H8x2LKj3mN4oP5qR6sT7uV8wX9yZ0aB1cD2eF3gH4' },
    { idempotency_key: '8e03978e-40d5-43e8-bc93-6894a57f9324' },
    { nextPageToken: 'CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA' },
    {
      cnf: {
        jwk: {
          kty: 'EC',
          crv: 'P-256',
          x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
          y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
        },
      },
    },
  ])('names and values about a credential are not the credential: %o', (claims) => {
    expect(ids(run(goodToken(claims)))).not.toContain('secret-in-payload');
  });
});

describe('secret-in-payload near misses inside vendor structures', () => {
  const bcrypt = '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW';
  const pem = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIGlRHE\n-----END EC PRIVATE KEY-----';
  it.each([
    [
      'Firebase custom claim',
      { ...ISSUERS.Firebase, db_password: 'S3cr3t!pass' },
      'db_password: credential by claim name',
    ],
    [
      'Firebase identities holding a password hash',
      { firebase: { identities: { password: [bcrypt] } } },
      'firebase.identities.password[0]: bcrypt password hash',
    ],
    [
      'Auth0 namespaced client secret',
      { ...ISSUERS.Auth0, 'https://example.com/client_secret': 'fKq3vT9pZ2wX8rY1nB6mC4dE7gH0jL5s' },
      '["https://example.com/client_secret"]: credential by claim name',
    ],
    [
      'Supabase user_metadata password',
      { ...ISSUERS.Supabase, user_metadata: { email: 'user@example.com', password: 'hunter2hunter2' } },
      'user_metadata.password: credential by claim name',
    ],
    [
      'Kubernetes object carrying a private key',
      { 'kubernetes.io': { namespace: 'default', pod: { name: 'p', tls_key: pem } } },
      '["kubernetes.io"].pod.tls_key: PEM private key',
    ],
    [
      'Entra pwd_url with a password in it',
      { pwd_url: 'https://jane:Winter2024!@portal.example.com/' },
      'pwd_url: password in a URL (user:password@host)',
    ],
    [
      'GitHub token in a GitHub Actions claim set',
      { ...ISSUERS['GitHub Actions'], deploy: { token: 'ghs_16C7e42F292c6912E7710c838347Ae178B4a' } },
      'deploy.token: GitHub access token',
    ],
    [
      'Stripe secret key under any name',
      { billing: { stripe: 'sk_live_51H8x2LKj3mN4oP5qR6sT7uV8wX9yZ0aB1cD2eF3gH4' } },
      'billing.stripe: Stripe secret API key',
    ],
    [
      'private EC key in cnf.jwk',
      {
        cnf: {
          jwk: { kty: 'EC', crv: 'P-256', d: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI', x: 'f83O' },
        },
      },
      'cnf.jwk.d: private or symmetric key member of a JWK',
    ],
    [
      'TOTP provisioning URI',
      { mfa: { setup: 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example' } },
      'mfa.setup: TOTP seed (otpauth URI)',
    ],
  ])('%s', (_name, claims, detail) => {
    const hit = hitOf(run(goodToken(claims)), 'secret-in-payload');
    expect(hit?.detail).toBe(`Secret-like claims readable by anyone holding the token: ${detail}.`);
    // No tier on the hit: the catalog's `high` applies (asserted in catalog.test.ts).
    expect(hit?.severity).toBeUndefined();
  });

  it('rates a random value under a key-like name as a possible secret (medium), saying why', () => {
    const hit = hitOf(run(goodToken({ session_key: 'q8Zr2LxV0pT7mN4bW9cJ5hK1' })), 'secret-in-payload');
    expect(hit?.severity).toBe('medium');
    expect(hit?.detail).toBe(
      'Claims that may hold a secret, readable by anyone holding the token: session_key: high-entropy value under a key/token-like claim name (a key or bearer credential, or an opaque identifier).',
    );
  });

  it('stays high when a certain secret comes with a possible one', () => {
    const claims = { session_key: 'q8Zr2LxV0pT7mN4bW9cJ5hK1', password: 'hunter22' };
    const hit = hitOf(run(goodToken(claims)), 'secret-in-payload');
    expect(hit?.severity).toBeUndefined();
    expect(hit?.detail).toContain('password: credential by claim name');
  });
});
