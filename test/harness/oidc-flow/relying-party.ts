import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { type LoopbackServer, listenOnLoopback } from './loopback-server';
import type { OidcProviderServer } from './provider';

const PAGE = '<!doctype html><meta charset="utf-8"><title>RP</title><body><script src="/rp-app.js"></script>';
const SCRIPT = readFileSync(new URL('./rp-app.js', import.meta.url), 'utf8');

/** The relying party: its page, the browser client's configuration, and an API that takes JWT access tokens. */
export interface RelyingParty {
  url: string;
  /** Outcomes of the API's token checks, in order (`ok` or the jose error code). */
  apiChecks(): string[];
  /** Binds the RP to the provider (the provider needs the RP's origin first, for its client). */
  attach(provider: OidcProviderServer): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/** Checks an RFC 9068 access token as a resource server must: signature from the JWKS, iss, aud, typ. */
async function verifyAccessToken(
  req: IncomingMessage,
  provider: OidcProviderServer,
  jwks: ReturnType<typeof createRemoteJWKSet>,
): Promise<string> {
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!token) return 'no-token';
  try {
    const { payload } = await jwtVerify(token, jwks, {
      issuer: provider.issuer,
      audience: provider.clients.apiResource,
      typ: 'at+jwt',
      algorithms: ['RS256'],
    });
    const scopes = String(payload.scope ?? '').split(' ');
    return scopes.includes(provider.clients.apiScope) ? 'ok' : 'insufficient-scope';
  } catch (error) {
    return (error as { code?: string }).code ?? 'invalid';
  }
}

/** Starts the relying party on an ephemeral port of 127.0.0.1; call `attach` before any browser visit. */
export async function startRelyingParty(): Promise<RelyingParty> {
  const server: LoopbackServer = await listenOnLoopback();
  const checks: string[] = [];
  return {
    url: server.url,
    apiChecks: () => [...checks],
    attach(provider) {
      const jwks = createRemoteJWKSet(new URL(`${provider.issuer}/jwks`));
      const config = JSON.stringify({
        issuer: provider.issuer,
        clientId: provider.clients.web.clientId,
        redirectUri: provider.clients.web.redirectUri,
        apiResource: provider.clients.apiResource,
        apiScope: provider.clients.apiScope,
        serviceClientId: provider.clients.service.clientId,
        serviceClientSecret: provider.clients.service.clientSecret,
      });
      server.setHandler((req, res) => {
        const path = new URL(req.url ?? '/', server.url).pathname;
        if (path === '/' || path === '/callback') return send(res, 200, 'text/html; charset=utf-8', PAGE);
        if (path === '/rp-app.js') return send(res, 200, 'text/javascript; charset=utf-8', SCRIPT);
        if (path === '/config') return send(res, 200, 'application/json', config);
        if (path === '/api/me') {
          void verifyAccessToken(req, provider, jwks).then((outcome) => {
            checks.push(outcome);
            if (outcome === 'ok') send(res, 200, 'application/json', '{"ok":true}');
            else send(res, 401, 'application/json', JSON.stringify({ error: 'invalid_token' }));
          });
          return;
        }
        send(res, 404, 'text/plain', 'not found');
      });
    },
    close: () => server.close(),
  };
}
