import { decodeComponent } from '../capture/url-parts';
import type { ProbeHeader, ProbeRequest, TokenSlot } from './types';

/** `replacement` for the token inside `text`; `undefined` when the token is not there. */
type Edit = (text: string) => string | undefined;

const swap =
  (original: string, replacement: string): Edit =>
  (text) =>
    text.includes(original) ? text.split(original).join(replacement) : undefined;

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Edits the `name=value` pairs of a `;` or `&` list whose name is `name`; `null` drops a pair. */
function editPairs(
  list: string,
  separator: string,
  name: string,
  edit: (value: string) => string | null | undefined,
): string | undefined {
  let changed = false;
  const pairs: string[] = [];
  for (const pair of list.split(separator)) {
    const at = pair.indexOf('=');
    const key = at < 0 ? pair : pair.slice(0, at);
    const value = at < 0 ? '' : pair.slice(at + 1);
    const result = at >= 0 && matchesName(key, name) ? edit(value) : undefined;
    if (result === undefined) pairs.push(pair);
    else {
      changed = true;
      if (result !== null) pairs.push(`${key}=${result}`);
    }
  }
  if (!changed) return undefined;
  return pairs.map((p, i) => (separator === ';' && i > 0 ? p.replace(/^\s*/, ' ') : p)).join(separator);
}

/** A pair's name as written, or percent-decoded as a query or form name (`access%5Ftoken`). */
function matchesName(key: string, name: string): boolean {
  const trimmed = key.trim();
  return trimmed === name || decodeComponent(trimmed) === name;
}

function editHeaders(
  headers: readonly ProbeHeader[],
  match: (h: ProbeHeader) => boolean,
  edit: (value: string) => string | null | undefined,
): ProbeHeader[] | undefined {
  let changed = false;
  const out: ProbeHeader[] = [];
  for (const header of headers) {
    const result = match(header) ? edit(header.value) : undefined;
    if (result === undefined) out.push({ ...header });
    else {
      changed = true;
      if (result !== null) out.push({ name: header.name, value: result });
    }
  }
  return changed ? out : undefined;
}

/** Edits the query of a URL (the part between `?` and `#`). */
export function editQuery(url: string, name: string, edit: (value: string) => string | null | undefined) {
  const hash = url.indexOf('#');
  const head = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? '' : url.slice(hash);
  const q = head.indexOf('?');
  if (q < 0) return undefined;
  const query = editPairs(head.slice(q + 1), '&', name, edit);
  if (query === undefined) return undefined;
  return `${head.slice(0, q)}${query ? `?${query}` : ''}${fragment}`;
}

/** A form body loses the whole field; any other body (JSON, text) keeps its field, emptied. */
function editBody(request: ProbeRequest, slot: TokenSlot, original: string, replacement: string | null) {
  const body = request.body;
  if (!body) return undefined;
  const form = /x-www-form-urlencoded/i.test(body.mimeType);
  const text =
    replacement === null && form
      ? editPairs(body.text, '&', slot.name, (v) => (v.includes(original) ? null : undefined))
      : swap(original, replacement ?? '')(body.text);
  return text === undefined ? undefined : { ...request, body: { ...body, text } };
}

/**
 * The request with the token in `slot` replaced (`replacement`), or removed (`null`): the header or the
 * cookie dropped, the query parameter or form field dropped, a JSON member emptied. `undefined` when the
 * token is not where the slot says.
 */
export function editSlot(
  request: ProbeRequest,
  slot: TokenSlot,
  original: string,
  replacement: string | null,
): ProbeRequest | undefined {
  if (original === '') return undefined;
  const inValue = (value: string) =>
    value.includes(original) ? (replacement === null ? null : swap(original, replacement)(value)) : undefined;
  if (slot.where === 'request-body') return editBody(request, slot, original, replacement);
  if (slot.where === 'query') {
    const url = editQuery(request.url, slot.name, inValue);
    return url === undefined
      ? undefined
      : { ...request, url, headers: request.headers.map((h) => ({ ...h })) };
  }
  const headers =
    slot.where === 'request-cookie'
      ? editHeaders(
          request.headers,
          (h) => sameName(h.name, 'cookie'),
          (value) => {
            const edited = editPairs(value, ';', slot.name, inValue);
            return edited === undefined ? undefined : edited.trim() === '' ? null : edited.trim();
          },
        )
      : editHeaders(request.headers, (h) => sameName(h.name, slot.name), inValue);
  return headers === undefined ? undefined : { ...request, headers };
}
