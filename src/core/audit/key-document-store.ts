import { keyDocumentKey } from '../capture/key-documents';
import type { KeyDocument } from '../types';

/** The key sets and discovery documents an audit has seen, for signature checks by any host. */
export interface KeyDocumentStore {
  add(documents: readonly KeyDocument[]): void;
  /** The distinct documents, oldest first: the same (frozen) array until one is added or they are cleared. */
  documents(): readonly KeyDocument[];
  clear(): void;
}

const NONE: readonly KeyDocument[] = Object.freeze([]);

/**
 * Keeps each distinct document (kind, URL and content) once, at most `max` of them: the oldest goes
 * first, and a document seen again counts as new for that. A SPA fetches its provider's key set on
 * every load; a rotated set at the same URL is another document, since both signed captured tokens.
 */
export function createKeyDocumentStore(max: number): KeyDocumentStore {
  const byKey = new Map<string, KeyDocument>();
  let snapshot = NONE;
  return {
    add(documents) {
      for (const doc of documents) {
        const key = keyDocumentKey(doc);
        const known = byKey.get(key);
        byKey.delete(key);
        byKey.set(key, known ?? doc);
        if (known) continue; // only its place in the eviction order moved: the documents are the same
        snapshot = NONE;
        if (byKey.size > max) byKey.delete(byKey.keys().next().value as string);
      }
    },
    documents() {
      if (snapshot === NONE && byKey.size > 0) snapshot = Object.freeze([...byKey.values()]);
      return snapshot;
    },
    clear() {
      byKey.clear();
      snapshot = NONE;
    },
  };
}
