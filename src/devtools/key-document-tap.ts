import { keyDocumentOf } from '../core/capture/key-documents';
import type { KeyDocument } from '../core/types';

/** Key documents kept for signature checks (distinct URLs, oldest dropped first). */
export const MAX_KEY_DOCUMENTS = 50;
/** Bodies larger than this are not parsed for keys: key sets and discovery documents are small. */
const MAX_KEY_BODY_CHARS = 256 * 1024;

function bodyOf(entry: unknown): { url: string; text: string } | null {
  const e = entry as {
    request?: { url?: unknown };
    response?: { content?: { text?: unknown; encoding?: unknown } };
  };
  const text = e?.response?.content?.text;
  const url = e?.request?.url;
  if (typeof text !== 'string' || typeof url !== 'string' || e.response?.content?.encoding === 'base64')
    return null;
  return text.length <= MAX_KEY_BODY_CHARS ? { url, text } : null;
}

/**
 * The JWKS and OpenID discovery documents seen in a capture, for the worker's signature checks. Only
 * bodies that mention `keys` or `jwks_uri` are parsed, so watching every entry costs a substring search.
 */
export function createKeyDocumentTap(): {
  observe(entry: unknown, requestId: string): boolean;
  documents(): KeyDocument[];
} {
  const byUrl = new Map<string, KeyDocument>();
  return {
    observe(entry, requestId) {
      const body = bodyOf(entry);
      if (!body || !/"(keys|jwks_uri)"/.test(body.text)) return false;
      let json: unknown;
      try {
        json = JSON.parse(body.text);
      } catch {
        return false;
      }
      const document = keyDocumentOf(json, body.url, requestId);
      if (!document) return false;
      byUrl.delete(body.url);
      byUrl.set(body.url, document);
      if (byUrl.size > MAX_KEY_DOCUMENTS) byUrl.delete(byUrl.keys().next().value as string);
      return true;
    },
    documents: () => [...byUrl.values()],
  };
}
