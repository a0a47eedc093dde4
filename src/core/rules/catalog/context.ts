import type { RuleInfo } from '../../types';

/** Rules that need to see how a token travelled (sightings), or the whole capture. Ids from RULES.md. */
export const CONTEXT_CATALOG: RuleInfo[] = [
  {
    id: 'transport-cleartext',
    title: 'Token sent over an unencrypted connection',
    severity: 'high',
    why:
      'A bearer token is a password for as long as it lives: whoever holds it is the user. Over http:// or ws:// ' +
      'anyone on the path (shared Wi-Fi, a proxy, an ISP) can read it and replay it. RFC 6750 requires TLS for ' +
      'every request that carries a bearer token; NIST SP 800-63B-4 forbids falling back to insecure transport. ' +
      'Traffic that stays on a loopback host is graded low: it never leaves the machine.',
    references: [
      { standard: 'RFC 6750', id: '§5.3' },
      { standard: 'OWASP ASVS 5.0', id: '12.2.1' },
      { standard: 'OWASP ASVS 5.0', id: '12.3.1' },
      { standard: 'NIST SP 800-63B-4', id: '§5.1' },
      { standard: 'CWE', id: 'CWE-319' },
      { standard: 'CWE', id: 'CWE-523' },
    ],
    scope: 'context',
  },
  {
    id: 'token-in-url',
    title: 'Token in a URL',
    severity: 'high',
    why:
      'URLs are written to server and proxy logs, kept in browser history and bookmarks, and sent to other sites ' +
      'in the Referer header. A token in a query string, path or fragment (or in a Referer or redirect Location) ' +
      'therefore ends up in many places nobody audits. RFC 6750 and RFC 9700 say not to pass bearer tokens in ' +
      'page URLs; send them in the Authorization header or a request body instead.',
    references: [
      { standard: 'RFC 6750', id: '§2.3' },
      { standard: 'RFC 6750', id: '§5.3' },
      { standard: 'RFC 9700', id: '§4.2' },
      { standard: 'RFC 9700', id: '§4.3' },
      { standard: 'OWASP ASVS 5.0', id: '14.2.1' },
      { standard: 'OWASP API Top 10 2023', id: 'API2:2023' },
      { standard: 'CWE', id: 'CWE-598' },
    ],
    scope: 'context',
  },
  {
    id: 'cookie-no-httponly',
    title: 'Token cookie readable by page scripts (no HttpOnly)',
    severity: 'medium',
    why:
      'Without HttpOnly, the page’s cookie API exposes the token to every script on the page, so one XSS flaw or one ' +
      'compromised third-party script is enough to steal it. A cookie that only the browser sends back is the ' +
      'point of keeping a token in a cookie at all; ASVS 3.3.4 and NIST SP 800-63B-4 ask for HttpOnly.',
    references: [
      { standard: 'OWASP ASVS 5.0', id: '3.3.4' },
      { standard: 'NIST SP 800-63B-4', id: '§5.1.1' },
      { standard: 'RFC 6265', id: '§4.1.2.6' },
      { standard: 'CWE', id: 'CWE-1004' },
    ],
    scope: 'context',
  },
  {
    id: 'cookie-no-secure',
    title: 'Token cookie without Secure (or without a __Host-/__Secure- prefix)',
    severity: 'medium',
    why:
      'A cookie without Secure is also sent over plain http, where anyone on the network can read it; NIST ' +
      'SP 800-63B-4 says session cookies SHALL be HTTPS-only. Secure alone still lets a sibling subdomain or an ' +
      'http page overwrite the cookie; the __Host- (or __Secure-) name prefix makes the browser enforce Secure, ' +
      'and for __Host- a host-only, Path=/ cookie (ASVS 3.3.1, 3.3.3). Missing Secure is medium (low for a ' +
      'loopback host, whose traffic never leaves the machine), a missing prefix low.',
    references: [
      { standard: 'OWASP ASVS 5.0', id: '3.3.1' },
      { standard: 'OWASP ASVS 5.0', id: '3.3.3' },
      { standard: 'NIST SP 800-63B-4', id: '§5.1.1' },
      { standard: 'RFC 6265', id: '§4.1.2.5' },
      { standard: 'CWE', id: 'CWE-614' },
    ],
    scope: 'context',
  },
  {
    id: 'cookie-samesite-weak',
    title: 'Token cookie sent on cross-site requests (SameSite absent or None)',
    severity: 'low',
    why:
      'With SameSite=None, or no SameSite where a browser does not default to Lax, the cookie rides along on ' +
      'requests that other sites trigger, which enables cross-site request forgery and cross-site leaks. ' +
      'SameSite=Lax or Strict keeps the token to same-site requests (ASVS 3.3.2, NIST SP 800-63B-4 §5.1.1).',
    references: [
      { standard: 'OWASP ASVS 5.0', id: '3.3.2' },
      { standard: 'NIST SP 800-63B-4', id: '§5.1.1' },
      { standard: 'CWE', id: 'CWE-1275' },
    ],
    scope: 'context',
  },
  {
    id: 'token-response-cacheable',
    title: 'Response carrying a token may be cached (no Cache-Control: no-store)',
    severity: 'low',
    why:
      'A response that hands out a token without Cache-Control: no-store may be kept by the browser cache, a ' +
      'proxy or a CDN and served again, to this user later or to someone else. RFC 6749 requires no-store on ' +
      'token responses; ASVS 14.3.2 asks for it on every response with sensitive data.',
    references: [
      { standard: 'RFC 6749', id: '§5.1' },
      { standard: 'OWASP ASVS 5.0', id: '14.3.2' },
      { standard: 'OWASP ASVS 5.0', id: '14.2.2' },
      { standard: 'CWE', id: 'CWE-524' },
      { standard: 'CWE', id: 'CWE-525' },
    ],
    scope: 'context',
  },
  {
    id: 'refresh-token-exposed',
    title: 'Refresh token reachable by page scripts, or without an absolute expiry',
    severity: 'medium',
    why:
      'A refresh token mints new access tokens for days or months, so stealing it is worth far more than ' +
      'stealing an access token. Delivered in a JSON body, a URL or a cookie without HttpOnly, it is within ' +
      'reach of any script on the page. ASVS asks that browsers not hold such tokens (a backend-for-frontend ' +
      'keeps them), that refresh tokens be sender-constrained or rotated (RFC 9700), and that they have an ' +
      'absolute expiry.',
    references: [
      { standard: 'OWASP ASVS 5.0', id: '10.1.1' },
      { standard: 'OWASP ASVS 5.0', id: '10.4.5' },
      { standard: 'OWASP ASVS 5.0', id: '10.4.8' },
      { standard: 'RFC 9700', id: '§4.14' },
    ],
    scope: 'context',
  },
  {
    id: 'token-third-party-leak',
    title: 'Token sent to a third party',
    severity: 'medium',
    why:
      'The token went to a site that is neither its issuer nor its audience nor the page that used it: ' +
      'typically analytics, a CDN, an error reporter or a logging endpoint, through a URL, a Referer or a ' +
      'request body. That party can now replay the token (and read its claims, if it is a JWT). Sites are ' +
      'compared by registrable domain, estimated from the last two labels (three for co.uk-style names). An ' +
      'opaque token names no audience: sent only in Authorization headers, it is graded low, since that ' +
      'site may be the API it was issued for.',
    references: [
      { standard: 'OWASP ASVS 5.0', id: '14.2.3' },
      { standard: 'OWASP ASVS 5.0', id: '16.2.5' },
      { standard: 'OWASP ASVS 5.0', id: '16.5.1' },
      { standard: 'CWE', id: 'CWE-359' },
      { standard: 'CWE', id: 'CWE-532' },
    ],
    scope: 'context',
  },
  ...captureEntries(),
];

/** Escalations across a capture and the auxiliary credential observations. */
function captureEntries(): RuleInfo[] {
  return [
    {
      id: 'alg-none-accepted',
      title: 'Unsigned (alg: none) token apparently accepted',
      severity: 'critical',
      why:
        'A request carrying an unsigned token (or a nested token with an unsigned inner layer) was answered as ' +
        'accepted: 2xx, or a redirect elsewhere than a login page. If the server really accepted it, anyone can ' +
        'mint tokens with any claims. This is inferred from traffic, not proven: the endpoint may not need ' +
        'authentication, so confirm by hand. RFC 8725 and ASVS 9.1.2 forbid accepting alg: none.',
      references: [
        { standard: 'RFC 8725', id: '§3.1' },
        { standard: 'RFC 7518', id: '§3.6' },
        { standard: 'OWASP ASVS 5.0', id: '9.1.1' },
        { standard: 'OWASP ASVS 5.0', id: '9.1.2' },
        { standard: 'OWASP API Top 10 2023', id: 'API2:2023' },
        { standard: 'CWE', id: 'CWE-347' },
      ],
      scope: 'capture',
    },
    {
      id: 'exp-expired-accepted',
      title: 'Expired token apparently accepted',
      severity: 'high',
      why:
        'A request carrying a token that had already expired (its exp, the exp of any nested layer, or for an ' +
        'opaque access token the expires_in of the response that issued it; judged at the request’s own time, ' +
        'with the policy’s clock skew, a minute by default) was answered as accepted: 2xx, or a redirect ' +
        'elsewhere than a login page. If the server does not check expiry, a stolen token works forever. ' +
        'Inferred from traffic, not proven: the endpoint may ignore the token altogether.',
      references: [
        { standard: 'RFC 7519', id: '§4.1.4' },
        { standard: 'OWASP ASVS 5.0', id: '9.2.1' },
        { standard: 'OWASP API Top 10 2023', id: 'API2:2023' },
        { standard: 'CWE', id: 'CWE-613' },
      ],
      scope: 'capture',
    },
    {
      id: 'refresh-token-reused',
      title: 'Refresh token used more than once (no rotation)',
      severity: 'medium',
      why:
        'The same refresh token was accepted in two or more requests, so it is not rotated on use. With ' +
        'rotation a stolen refresh token stops working at the next legitimate refresh and its reuse is ' +
        'detected; without it (and without sender-constraining such as DPoP or mTLS) the thief keeps access ' +
        'until the token expires (ASVS 10.4.5, RFC 9700).',
      references: [
        { standard: 'OWASP ASVS 5.0', id: '10.4.5' },
        { standard: 'RFC 9700', id: '§4.14' },
        { standard: 'CWE', id: 'CWE-294' },
      ],
      scope: 'capture',
    },
    {
      id: 'alg-confusion-indicator',
      title: 'Algorithm confusion indicator (HS token from an issuer that also uses public keys)',
      severity: 'high',
      why:
        'One issuer signs some tokens with a shared HMAC secret and others with a public-key algorithm. A ' +
        'verifier that takes the algorithm from the token header and uses "the issuer key" for both can be ' +
        'fed an HS token whose MAC was computed with the issuer’s public key, which is public. RFC 8725 asks ' +
        'for one algorithm per key and an allowlist per context.',
      references: [
        { standard: 'RFC 8725', id: '§2.1' },
        { standard: 'RFC 8725', id: '§3.1' },
        { standard: 'OWASP ASVS 5.0', id: '9.1.2' },
        { standard: 'OWASP JWT Cheat Sheet', id: 'Key type confusion' },
        { standard: 'CWE', id: 'CWE-347' },
        { standard: 'CWE', id: 'CWE-757' },
        { standard: 'CVE', id: 'CVE-2015-9235' },
      ],
      scope: 'capture',
    },
    ...credentialEntries(),
  ];
}

/** Auxiliary (non-JWT) observations from RULES.md. */
function credentialEntries(): RuleInfo[] {
  return [
    {
      id: 'basic-auth-credentials',
      title: 'HTTP Basic credentials in the capture',
      severity: 'medium',
      why:
        'HTTP Basic sends the user name and password, only base64-encoded, with every request, and anyone who ' +
        'gets the capture or, over plain http, the traffic can decode them. Prefer short-lived tokens; never ' +
        'send Basic credentials without TLS (high when any request went over http to a host off the machine; ' +
        'plain http to a loopback host stays medium, as for transport-cleartext).',
      references: [
        { standard: 'CWE', id: 'CWE-522' },
        { standard: 'CWE', id: 'CWE-523' },
      ],
      scope: 'capture',
    },
    {
      id: 'credentials-in-url',
      title: 'Password or secret in a URL',
      severity: 'high',
      why:
        'A password in a query string or in user:password@ ends up in server logs, proxies, browser history and ' +
        'Referer headers. Send credentials in a POST body or a header over TLS.',
      references: [
        { standard: 'OWASP ASVS 5.0', id: '14.2.1' },
        { standard: 'OWASP API Top 10 2023', id: 'API2:2023' },
        { standard: 'CWE', id: 'CWE-598' },
      ],
      scope: 'capture',
    },
    {
      id: 'credentials-in-har',
      title: 'Clear-text password recorded in the capture',
      severity: 'low',
      why:
        'A request body in this capture holds a password or client secret in clear text. That is normal for a ' +
        'login form, but HAR files are often attached to support tickets: whoever receives the file gets the ' +
        'credential. Sanitize HAR files before sharing them, and change the password if one already left.',
      references: [{ standard: 'CWE', id: 'CWE-312' }],
      scope: 'capture',
    },
  ];
}
