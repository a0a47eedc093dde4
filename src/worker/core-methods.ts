import { verifyTokens } from '../core/keys';
import { findWeakSecrets } from '../core/secrets/find-weak-secrets';
import { prepareHs256Kernel } from '../core/secrets/hs256-wasm';
import { packCandidates } from '../core/secrets/pack-candidates';
import { createWordlistSplitter } from '../core/secrets/wordlist-splitter';
import type { CaptureHit, KeyDocument, TokenRecord } from '../core/types';
import {
  type BaselineFile,
  baselineMethods,
  type DriftRequest,
  type LearnRequest,
  type ReadResult,
} from './baseline-methods';
import { createHarImportMethods, type HarImportMethods } from './har-import-methods';
import { groupByKey } from './secret-groups';

/** Signature checks of some tokens against the key documents seen so far. */
export interface SignatureRequest {
  records: TokenRecord[];
  keyDocuments: KeyDocument[];
}

/** A secret search: the built-in lists and capture-derived candidates, or one wordlist the user loaded. */
export interface SecretRequest {
  records: TokenRecord[];
  wordlist?: { name: string; text: string };
}

/** What a secret search found and how much it tried. */
export interface SecretResult {
  hits: CaptureHit[];
  /** HS tokens considered, and key groups (tokens sharing alg, iss and kid) actually searched. */
  tokens: number;
  groups: number;
  /** Words read from the wordlist, when one was given. */
  words?: number;
}

/** What the worker can do for the panel. Every method takes and returns structured-cloneable data. */
export interface CoreMethods extends HarImportMethods {
  [method: string]: (params: never) => unknown;
  /** Liveness check; echoes its argument. */
  ping(params: string): string;
  /** The WebAssembly SIMD HMAC kernel needs `'wasm-unsafe-eval'` in the extension CSP. */
  capabilities(params: null): Promise<{ wasm: boolean }>;
  checkSignatures(params: SignatureRequest): Promise<{ hits: CaptureHit[]; unverifiable: string[] }>;
  findSecrets(params: SecretRequest): Promise<SecretResult>;
  /** Learns a baseline over the panel's capture and writes its file (`jwt-lens baseline`). */
  learnBaseline(params: LearnRequest): BaselineFile;
  /** Reads a baseline file, or says in one line what is wrong with it (as `parseBaseline`). */
  readBaseline(params: { text: string; source: string }): ReadResult;
  /** Drift findings of the capture against a baseline (`driftHits`). */
  driftHits(params: DriftRequest): CaptureHit[];
}

const SAME_KEY = 'the secret recovered from a token of the same issuer and key id';

/** What the default search concluded per key group (`alg|iss|kid`): the secret, or null if none found. */
type GroupOutcomes = Map<string, string | null>;

function secretOf(hit: CaptureHit): string | undefined {
  return hit.evidence?.find((e) => e.label === 'secret')?.raw;
}

/** Tries a known secret on some tokens of its group: one HMAC per token. */
function trySecret(records: TokenRecord[], secret: string): Promise<CaptureHit[]> {
  if (records.length === 0) return Promise.resolve([]);
  const batches = [packCandidates([new TextEncoder().encode(secret)])];
  return findWeakSecrets(records, {
    builtIn: false,
    capture: false,
    wordlists: [{ name: SAME_KEY, batches }],
  });
}

/** The search options: the built-in lists and capture candidates, or only the user's wordlist. */
function searchOptions(
  wordlist: SecretRequest['wordlist'],
  splitter: ReturnType<typeof createWordlistSplitter>,
) {
  if (!wordlist) return {};
  // A batch is only valid until the splitter's next call, so batches are produced as they are consumed.
  function* batches(text: string) {
    yield splitter.push(new TextEncoder().encode(text));
    yield splitter.end();
  }
  return {
    builtIn: false,
    capture: false,
    wordlists: [{ name: wordlist.name, batches: batches(wordlist.text) }],
  };
}

/**
 * Runs the dictionary once per key group and spreads a recovered secret to the group's other tokens.
 * The default search remembers each group's outcome, so later tokens of a known group cost one HMAC.
 */
async function findSecrets(
  outcomes: GroupOutcomes,
  { records, wordlist }: SecretRequest,
): Promise<SecretResult> {
  const groups = groupByKey(records);
  const hits: CaptureHit[] = [];
  // A wordlist is tried on every group not cracked yet; the default search only on groups never searched.
  const searched = groups.filter((g) =>
    wordlist ? typeof outcomes.get(g.key) !== 'string' : !outcomes.has(g.key),
  );
  const splitter = createWordlistSplitter();
  const found = await findWeakSecrets(
    searched.map((g) => g.representative),
    searchOptions(wordlist, splitter),
  );
  hits.push(...found);
  for (const group of searched) {
    const hit = found.find((h) => h.fingerprint === group.representative.token.fingerprint);
    const secret = hit ? secretOf(hit) : undefined;
    if (secret !== undefined || !wordlist) outcomes.set(group.key, secret ?? null);
  }
  for (const group of groups) {
    const secret = outcomes.get(group.key);
    if (typeof secret !== 'string') continue;
    // Searched now: the representative is already reported. Known before: these are new tokens of the
    // group (a wordlist run sends every token, and those were reported when first seen).
    if (searched.includes(group)) hits.push(...(await trySecret(group.rest, secret)));
    else if (!wordlist) hits.push(...(await trySecret([group.representative, ...group.rest], secret)));
  }
  const tokens = groups.reduce((n, g) => n + 1 + g.rest.length, 0);
  return { hits, tokens, groups: searched.length, ...(wordlist ? { words: splitter.stats().words } : {}) };
}

/**
 * The worker's method table. Slow core work (dictionary checks of HMAC secrets, signature checks) runs
 * here, off the panel's UI thread; the panel reaches it through `createCoreWorker()`.
 */
export function createCoreMethods(): CoreMethods {
  const outcomes: GroupOutcomes = new Map();
  return {
    ping: (params: string) => String(params),
    capabilities: async () => ({ wasm: await prepareHs256Kernel() }),
    checkSignatures: async ({ records, keyDocuments }: SignatureRequest) => {
      const result = await verifyTokens(records, keyDocuments);
      const unverifiable = result.verified
        .filter((v) => v.status === 'unverifiable')
        .map((v) => v.fingerprint);
      return { hits: result.hits, unverifiable };
    },
    findSecrets: (params: SecretRequest) => findSecrets(outcomes, params),
    ...createHarImportMethods(),
    ...baselineMethods,
  };
}
