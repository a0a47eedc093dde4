import { effect, type ReadonlySignal } from '@preact/signals';
import type { CaptureHit, KeyDocument, TokenRecord } from '../core/types';
import type { WordlistHandler } from '../panel/panel-context';
import type { CoreMethods } from '../worker/core-methods';
import type { RpcMethods } from '../worker/rpc-protocol';

/** The part of the panel's tokens model the bridge needs. */
export interface CheckedModel {
  result: ReadonlySignal<unknown>;
  records(): readonly TokenRecord[];
  /** The key documents the model captured, live or from an imported HAR (a new array when they change). */
  keyDocuments(): readonly KeyDocument[];
  addHits(hits: readonly CaptureHit[]): void;
}

/** Connects the panel's tokens to the core worker's signature and secret checks. */
export interface WorkerBridge {
  onWordlist: WordlistHandler;
  /** Starts checking the model's tokens; returns the stop function. */
  attach(model: CheckedModel): () => void;
  /**
   * Checks the tokens not checked yet now, without waiting for capture to go quiet, and resolves once every
   * check under way has reported (before a baseline is learned, so it sees the same findings as the CLI).
   */
  settle(): Promise<void>;
}

/** Checks start once capture has been quiet this long, so a burst is checked in a few large calls. */
export const QUIET_MS = 750;

type Worker = Pick<RpcMethods<CoreMethods>, 'checkSignatures' | 'findSecrets'>;

/** What the bridge remembers between runs. */
interface CheckState {
  /** The key documents the last signature checks used. */
  keys: readonly KeyDocument[];
  /** Fingerprints already checked (pruned when the panel is cleared, so returning tokens are rechecked). */
  checked: Set<string>;
  /** Fingerprints whose signature no known key could check. */
  unverifiable: Set<string>;
}

/** Tokens that had no key get another chance when a key set shows up; `sig-unverifiable` is not repeated. */
async function recheckWithNewKeys(state: CheckState, model: CheckedModel, worker: Worker): Promise<void> {
  const retry = model.records().filter((r) => state.unverifiable.has(r.token.fingerprint));
  if (retry.length === 0) return;
  for (const r of retry) state.unverifiable.delete(r.token.fingerprint);
  const result = await worker.checkSignatures({ records: retry, keyDocuments: [...state.keys] });
  model.addHits(result.hits.filter((h) => h.ruleId !== 'sig-unverifiable'));
  for (const fp of result.unverifiable) state.unverifiable.add(fp);
}

/** Checks the tokens not checked yet: signatures with the key sets seen so far, then HMAC secrets. */
async function checkNewTokens(state: CheckState, model: CheckedModel, worker: Worker): Promise<void> {
  const records = model.records();
  const present = new Set(records.map((r) => r.token.fingerprint));
  for (const fp of state.checked) if (!present.has(fp)) state.checked.delete(fp);
  const keys = model.keyDocuments();
  if (keys !== state.keys) {
    state.keys = keys;
    await recheckWithNewKeys(state, model, worker);
  }
  const fresh = records.filter((r) => !state.checked.has(r.token.fingerprint));
  if (fresh.length === 0) return;
  for (const r of fresh) state.checked.add(r.token.fingerprint);
  const signatures = await worker.checkSignatures({ records: fresh, keyDocuments: [...state.keys] });
  for (const fp of signatures.unverifiable) state.unverifiable.add(fp);
  const secrets = await worker.findSecrets({ records: fresh });
  model.addHits([...signatures.hits, ...secrets.hits]);
}

/**
 * Runs `task` after `QUIET_MS` without a new `poke()`, never two at once (a poke during a run re-arms);
 * `flush()` runs it now (after the run under way) and resolves when it is done.
 */
function createQuietRunner(task: () => Promise<void>): {
  poke(): void;
  cancel(): void;
  flush(): Promise<void>;
} {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    running = task()
      .catch(() => undefined) // a failed check must not stop later ones; those tokens stay unflagged
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          poke();
        }
      });
    return running;
  };
  const start = (): void => {
    if (running) again = true;
    else void run();
  };
  const poke = (): void => {
    clearTimeout(timer);
    timer = setTimeout(start, QUIET_MS);
  };
  const flush = async (): Promise<void> => {
    clearTimeout(timer);
    while (running) await running;
    await run();
  };
  return { poke, cancel: () => clearTimeout(timer), flush };
}

/**
 * Creates the bridge. Each token is checked once, after capture goes quiet: its signature against the
 * key documents seen so far, and its HMAC secret against the built-in lists. A loaded wordlist is tried
 * on every HS token at once.
 */
export function createWorkerBridge(worker: Worker): WorkerBridge {
  const state: CheckState = { keys: [], checked: new Set(), unverifiable: new Set() };
  let model: CheckedModel | null = null;
  const runner = createQuietRunner(async () => {
    if (model) await checkNewTokens(state, model, worker);
  });
  return {
    async onWordlist(text, fileName) {
      if (!model) return 'The panel is not ready yet.';
      const result = await worker.findSecrets({
        records: [...model.records()],
        wordlist: { name: fileName, text },
      });
      model.addHits(result.hits);
      return `Wordlist ${fileName}: ${result.words ?? 0} words tried on ${result.tokens} HS tokens, ${result.hits.length} cracked`;
    },
    settle: () => runner.flush(),
    attach(target) {
      model = target;
      const stop = effect(() => {
        void target.result.value;
        runner.poke();
      });
      return () => {
        stop();
        runner.cancel();
        model = null;
      };
    },
  };
}
