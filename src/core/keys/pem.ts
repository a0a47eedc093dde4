/** PEM (RFC 7468) reading and writing, and the standard base64 alphabet it uses. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (RFC 4648 §4). */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63);
    out += b === undefined ? '=' : ALPHABET.charAt((n >> 6) & 63);
    out += c === undefined ? '=' : ALPHABET.charAt(n & 63);
  }
  return out;
}

/** Decodes standard base64, ignoring whitespace; `null` when it is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return null;
  const body = clean.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (const ch of body) {
    value = (value << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/** One `-----BEGIN X-----` … `-----END X-----` block. `der` is `null` when the body is not base64. */
export interface PemBlock {
  label: string;
  der: Uint8Array | null;
  /** 1-based line of the BEGIN line, for messages. */
  line: number;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;

/** Every PEM block in `text`, in order. A block whose END label differs gets `der: null`. */
export function findPemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const [, label = '', body = '', endLabel] = match;
    const line = text.slice(0, match.index).split('\n').length;
    // RFC 7468 §2 allows headers (`Proc-Type:`) only in legacy encrypted blocks, which are private keys anyway.
    blocks.push({ label, der: endLabel === label ? decodeBase64(body) : null, line });
  }
  return blocks;
}

/** How a PEM text is laid out: line width of the base64 body, line ending, and a final line ending or not. */
export interface PemLayout {
  width: number;
  eol: '\n' | '\r\n';
  trailing: boolean;
}

/** The PEM text of `der` under `label`, laid out as `layout` says (OpenSSL: 64 columns, LF, trailing LF). */
export function toPem(label: string, der: Uint8Array, layout: PemLayout): string {
  const body = encodeBase64(der);
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += layout.width) lines.push(body.slice(i, i + layout.width));
  const text = [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join(layout.eol);
  return layout.trailing ? text + layout.eol : text;
}
