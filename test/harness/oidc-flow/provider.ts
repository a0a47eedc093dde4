import { randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import Provider, { errors } from 'oidc-provider';
import { type LoopbackServer, listenOnLoopback } from './loopback-server';

/** The clients and resource server the relying party uses (all on 127.0.0.1). */
export interface OidcClients {
  /** Public web client (browser app): authorization code + PKCE S256, refresh tokens. */
  web: { clientId: string; redirectUri: string };
  /** Confidential client for the client-credentials grant (`client_secret_basic`). */
  service: { clientId: string; clientSecret: string };
  /** The resource indicator (RFC 8707) of the API, which gets JWT access tokens (RFC 9068). */
  apiResource: string;
  /** The scope the API grants. */
  apiScope: string;
}

/** A running provider. */
export interface OidcProviderServer {
  issuer: string;
  clients: OidcClients;
  /** Warnings oidc-provider logged, other than the expected ones (see {@link EXPECTED_NOTICES}). */
  notices(): string[];
  close(): Promise<void>;
}

/** Lifetimes, seconds: short, as a security-minded deployment would set them (and no default warnings). */
const TTL = {
  AccessToken: 300,
  AuthorizationCode: 60,
  ClientCredentials: 300,
  IdToken: 300,
  RefreshToken: 24 * 3600,
  Interaction: 600,
  Session: 3600,
  Grant: 24 * 3600,
};

/** The one test user; its claims are what `findAccount` serves (OIDC Core §5.1). */
const ACCOUNT_CLAIMS = {
  email: 'ada.lovelace@example.test',
  email_verified: true,
  name: 'Ada Lovelace',
  given_name: 'Ada',
  family_name: 'Lovelace',
  preferred_username: 'ada',
  locale: 'en-GB',
};

/** An RS256 signing key generated for this run, as a private JWK with `kid`, `alg` and `use`. */
async function generateSigningJwk(): Promise<Record<string, unknown>> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

function configuration(rpOrigin: string, clients: OidcClients, jwk: object) {
  return {
    clients: [
      {
        client_id: clients.web.clientId,
        token_endpoint_auth_method: 'none',
        redirect_uris: [clients.web.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
      {
        client_id: clients.service.clientId,
        client_secret: clients.service.clientSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: [],
        grant_types: ['client_credentials'],
        response_types: [],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'offline_access', 'profile', 'email', clients.apiScope],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username', 'locale'],
      acr: null,
      auth_time: null,
      sid: null,
    },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, ...ACCOUNT_CLAIMS }),
    }),
    // The browser app calls the token and userinfo endpoints cross-origin (both clients run in the page).
    clientBasedCORS: (_ctx: unknown, origin: string) => origin === rpOrigin,
    pkce: { required: () => true },
    rotateRefreshToken: true,
    ttl: TTL,
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx: unknown, _client: unknown, oneOf?: string[]) => oneOf,
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource !== clients.apiResource) throw new errors.InvalidTarget();
          return {
            scope: clients.apiScope,
            audience: clients.apiResource,
            accessTokenTTL: TTL.AccessToken,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
  };
}

/**
 * What oidc-provider prints that this harness expects: the Node 20 runtime notice, the in-memory adapter
 * (state lives only as long as the test), and the dev
 * interactions notice (the login and consent pages the browser drives are the provider's own dev ones).
 */
export const EXPECTED_NOTICES = [/unsupported runtime/i, /devInteractions/, /in-memory adapter/];

/** Collects oidc-provider's console notices (it writes them with console.warn / console.info). */
function captureNotices(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const original = { warn: console.warn, info: console.info };
  const keep = (...args: unknown[]) => {
    const line = args.map(String).join(' ');
    if (!EXPECTED_NOTICES.some((re) => re.test(line))) lines.push(line);
  };
  console.warn = keep;
  console.info = keep;
  return { lines, restore: () => Object.assign(console, original) };
}

/**
 * Starts oidc-provider on an ephemeral port of 127.0.0.1 with a freshly generated RS256 key set, a public
 * web client for `rpOrigin` (code + PKCE S256, refresh tokens rotated), a client-credentials client, and
 * one resource server that receives JWT access tokens.
 */
export async function startOidcProvider(rpOrigin: string): Promise<OidcProviderServer> {
  const server: LoopbackServer = await listenOnLoopback();
  const issuer = server.url;
  const clients: OidcClients = {
    web: { clientId: 'lens-web', redirectUri: `${rpOrigin}/callback` },
    service: { clientId: 'lens-service', clientSecret: randomBytes(32).toString('base64url') },
    apiResource: `${rpOrigin}/api`,
    apiScope: 'api:read',
  };
  const notices = captureNotices();
  try {
    const provider = new Provider(issuer, configuration(rpOrigin, clients, await generateSigningJwk()));
    provider.on('server_error', (_ctx, error) => notices.lines.push(`server_error: ${String(error)}`));
    server.setHandler(provider.callback());
  } catch (error) {
    notices.restore();
    await server.close();
    throw error;
  }
  return {
    issuer,
    clients,
    notices: () => [...notices.lines],
    async close() {
      notices.restore();
      await server.close();
    },
  };
}
