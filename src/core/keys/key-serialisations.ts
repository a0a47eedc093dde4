import { exportSPKI, importJWK } from 'jose';
import { decodeBase64Url } from '../token/base64url';
import { publicMembersOf } from './jwk-check';
import { importAlgFor } from './known-key';
import { encodeBase64, findPemBlocks, type PemLayout, toPem } from './pem';
import { pkcs1FromJwk } from './spki';
import type { KnownKey, PublicJwk } from './types';

/** One way a library turns a public key into bytes, which a confused verifier then uses as an HMAC secret. */
export interface Serialisation {
  name: string;
  bytes: Uint8Array;
}

/** PEM layouts seen in the wild: OpenSSL/Node (64 columns), MIME tools (76), one long line; LF or CRLF. */
const LAYOUTS: readonly { name: string; layout: PemLayout }[] = [
  { name: 'LF, trailing newline', layout: { width: 64, eol: '\n', trailing: true } },
  { name: 'LF, no trailing newline', layout: { width: 64, eol: '\n', trailing: false } },
  { name: 'CRLF, trailing newline', layout: { width: 64, eol: '\r\n', trailing: true } },
  { name: 'CRLF, no trailing newline', layout: { width: 64, eol: '\r\n', trailing: false } },
  { name: '76 columns, trailing newline', layout: { width: 76, eol: '\n', trailing: true } },
  { name: '76 columns, no trailing newline', layout: { width: 76, eol: '\n', trailing: false } },
  { name: 'body on one line, trailing newline', layout: { width: 1 << 20, eol: '\n', trailing: true } },
  { name: 'body on one line, no trailing newline', layout: { width: 1 << 20, eol: '\n', trailing: false } },
];

const TEXT = new TextEncoder();

/** SPKI DER through jose's `exportSPKI` (the PEM Node and most JS libraries produce). */
async function spkiOf(jwk: PublicJwk): Promise<Uint8Array | null> {
  try {
    const key = await importJWK({ ...jwk }, importAlgFor(jwk), { extractable: true });
    if (key instanceof Uint8Array) return null;
    return findPemBlocks(await exportSPKI(key))[0]?.der ?? null;
  } catch {
    return null;
  }
}

function sshString(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length);
  out.set(bytes, 4);
  return out;
}

/** RFC 4251 §5 mpint: big-endian, a leading zero when the top bit is set. */
function sshMpint(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  const trimmed = bytes.subarray(i);
  return sshString((trimmed[0] ?? 0) & 0x80 ? new Uint8Array([0, ...trimmed]) : trimmed);
}

function b64u(value: string | undefined): Uint8Array {
  const decoded = decodeBase64Url(value ?? '');
  return decoded.ok ? decoded.bytes : new Uint8Array(0);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const SSH_CURVE: Record<string, string> = { 'P-256': 'nistp256', 'P-384': 'nistp384', 'P-521': 'nistp521' };

/** The OpenSSH one-line public key (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4): CVE-2022-29217, CVE-2024-33663. */
export function sshPublicKey(jwk: PublicJwk): string | null {
  let type: string;
  let fields: Uint8Array[];
  if (jwk.kty === 'RSA') {
    type = 'ssh-rsa';
    fields = [sshMpint(b64u(jwk.e)), sshMpint(b64u(jwk.n))];
  } else if (jwk.kty === 'EC' && SSH_CURVE[jwk.crv ?? '']) {
    const curve = SSH_CURVE[jwk.crv ?? ''] ?? '';
    type = `ecdsa-sha2-${curve}`;
    fields = [
      sshString(TEXT.encode(curve)),
      sshString(concat([new Uint8Array([4]), b64u(jwk.x), b64u(jwk.y)])),
    ];
  } else if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    type = 'ssh-ed25519';
    fields = [sshString(b64u(jwk.x))];
  } else return null;
  return `${type} ${encodeBase64(concat([sshString(TEXT.encode(type)), ...fields]))}`;
}

/** RFC 7638 §3.2: the required members only, in lexicographic order, no whitespace. */
function canonicalJwk(jwk: PublicJwk): string {
  if (jwk.kty === 'RSA') return JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  if (jwk.kty === 'EC') return JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
}

function jsonForms(key: KnownKey): Serialisation[] {
  const publicOnly = publicMembersOf(key.original);
  return [
    { name: 'JWK JSON as in the key set', text: JSON.stringify(key.original) },
    { name: 'JWK JSON, public members as in the key set', text: JSON.stringify(publicOnly) },
    { name: 'JWK JSON in RFC 7638 canonical form', text: canonicalJwk(key.jwk) },
    { name: 'JWK JSON pretty-printed', text: JSON.stringify(key.original, null, 2) },
  ].map(({ name, text }) => ({ name, bytes: TEXT.encode(text) }));
}

function pemForms(label: string, kind: string, der: Uint8Array): Serialisation[] {
  return LAYOUTS.map(({ name, layout }) => ({
    name: `${kind} PEM, ${name}`,
    bytes: TEXT.encode(toPem(label, der, layout)),
  }));
}

/**
 * The byte strings a public key is commonly turned into — SPKI and PKCS#1 PEM in several layouts, JWK JSON,
 * OpenSSH text, raw DER — each a candidate HMAC secret for `alg-confusion-forged`. Duplicates are dropped.
 */
export async function serialiseKey(key: KnownKey): Promise<Serialisation[]> {
  const forms: Serialisation[] = [];
  const spki = await spkiOf(key.jwk);
  if (spki) {
    forms.push(...pemForms('PUBLIC KEY', 'SPKI', spki));
    forms.push(
      { name: 'SPKI DER bytes', bytes: spki },
      { name: 'SPKI base64 body', bytes: TEXT.encode(encodeBase64(spki)) },
    );
  }
  const pkcs1 = key.jwk.kty === 'RSA' ? pkcs1FromJwk(key.jwk.n, key.jwk.e) : null;
  if (pkcs1) forms.push(...pemForms('RSA PUBLIC KEY', 'PKCS#1', pkcs1));
  forms.push(...jsonForms(key));
  const ssh = sshPublicKey(key.jwk);
  if (ssh)
    forms.push(
      { name: 'OpenSSH public key', bytes: TEXT.encode(ssh) },
      { name: 'OpenSSH public key, trailing newline', bytes: TEXT.encode(`${ssh}\n`) },
    );
  const seen = new Set<string>();
  return forms.filter((form) => {
    const id = encodeBase64(form.bytes);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
