import { describe, expect, it } from 'vitest';
import { createAuditor } from '../../../src/core/audit';
import { createKeyDocumentStore } from '../../../src/core/audit/key-document-store';
import type { CaptureResult, KeyDocument } from '../../../src/core/types';

const jwks = (url: string, requestId: string, kid = 'k1'): KeyDocument => ({
  kind: 'jwks',
  url,
  requestId,
  json: { keys: [{ kty: 'EC', kid }] },
});
const discovery: KeyDocument = {
  kind: 'openid-configuration',
  url: 'https://i.test/.well-known/openid-configuration',
  requestId: 'd',
  json: { issuer: 'https://i.test', jwks_uri: 'https://i.test/jwks' },
};
const capture = (keyDocuments: KeyDocument[]): CaptureResult => ({
  sightings: [],
  observations: [],
  keyDocuments,
  problems: [],
  entryCount: keyDocuments.length,
});
const ids = (docs: readonly KeyDocument[]) => docs.map((d) => d.requestId);

describe('createKeyDocumentStore', () => {
  it('keeps each document once, and both versions of a rotated key set', () => {
    const store = createKeyDocumentStore(Infinity);
    store.add([discovery, jwks('https://i.test/jwks', '1')]);
    store.add([jwks('https://i.test/jwks#x', '2'), jwks('https://i.test/jwks', '3', 'k2')]);
    expect(ids(store.documents())).toEqual(['d', '1', '3']);
  });

  it('answers the same array until a new document arrives', () => {
    const store = createKeyDocumentStore(Infinity);
    expect(store.documents()).toEqual([]);
    store.add([jwks('https://i.test/jwks', '1')]);
    const first = store.documents();
    store.add([jwks('https://i.test/jwks', 'again')]);
    expect(store.documents()).toBe(first);
    store.add([discovery]);
    expect(store.documents()).not.toBe(first);
    expect(Object.isFrozen(store.documents())).toBe(true);
  });

  it('is bounded: the document seen longest ago goes first', () => {
    const store = createKeyDocumentStore(2);
    store.add([jwks('https://a.test/jwks', 'a'), jwks('https://b.test/jwks', 'b')]);
    store.add([jwks('https://a.test/jwks', 'a-again'), jwks('https://c.test/jwks', 'c')]);
    expect(ids(store.documents())).toEqual(['a', 'c']);
  });
});

describe('createAuditor: key documents', () => {
  it('keeps the key documents of every capture until cleared, within maxKeyDocuments', () => {
    const auditor = createAuditor({ maxKeyDocuments: 2 });
    auditor.add(capture([discovery]));
    auditor.add(capture([jwks('https://i.test/jwks', '1'), jwks('https://j.test/jwks', '2')]));
    expect(ids(auditor.keyDocuments())).toEqual(['1', '2']);
    auditor.clear();
    expect(auditor.keyDocuments()).toEqual([]);
  });
});
