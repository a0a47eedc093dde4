import { effect, type ReadonlySignal } from '@preact/signals';
import type { CaptureHit, TokenRecord } from '../core/types';
import type { WordlistHandler } from '../panel/panel-context';
import type { CoreMethods } from '../worker/core-methods';
import type { RpcMethods } from '../worker/rpc-protocol';
import { createKeyDocumentTap } from './key-document-tap';

/** The part of the panel's tokens model the bridge needs. */
export interface CheckedModel {
  result: ReadonlySignal<unknown>;
  records(): readonly TokenRecord[];
  addHits(hits: readonly CaptureHit[]): void;
}

/** Connects the panel's tokens to the core worker's signature and secret checks. */
export interface WorkerBridge {
  /** Feed every captured entry: key documents are picked out for signature checks. */
  observeEntry(entry: unknown, requestId: string): void;
  onWordlist: WordlistHandler;
  /** Starts checking the model's tokens; returns the stop function. */
  attach(model: CheckedModel): () => void;
}

/** Checks start once capture has been quiet this long, so a burst is checked in a few large calls. */
export const QUIET_MS = 750;

/**
 * Creates the bridge. Each token is checked once, after capture goes quiet: signatures against the key
 * documents seen so far, and its HMAC secret against the built-in lists. When a new key document arrives,
 * tokens that had no key are checked again (their earlier `sig-unverifiable` finding stays).
 */
export function createWorkerBridge(worker: Pick<RpcMethods<CoreMethods>, 'checkSignatures' | 'findSecrets'>): WorkerBridge {
  const keys = createKeyDocumentTap();
  const checked = new Set<string>();
  let unverifiable = new Set<string>();
  let keysChanged = false;
  let model: CheckedModel | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let again = false;

  const run = async (current: CheckedModel): Promise<void> => {
    const records = current.records();
    const present = new Set(records.map((r) => r.token.fingerprint));
    for (const fp of checked) if (!present.has(fp)) checked.delete(fp); // cleared tokens are checked anew
    const fresh = records.filter((r) => !checked.has(r.token.fingerprint));
    for (const r of fresh) checked.add(r.token.fingerprint);
    const retry = keysChanged ? records.filter((r) => unverifiable.has(r.token.fingerprint)) : [];
    keysChanged = false;
    if (retry.length > 0) {
      unverifiable = new Set([...unverifiable].filter((fp) => !retry.some((r) => r.token.fingerprint === fp)));
      const rechecked = await worker.checkSignatures({ records: retry, keyDocuments: keys.documents() });
      current.addHits(rechecked.hits.filter((h) => h.ruleId !== 'sig-unverifiable'));
      for (const fp of rechecked.unverifiable) unverifiable.add(fp);
    }
    if (fresh.length === 0) return;
    const signatures = await worker.checkSignatures({ records: fresh, keyDocuments: keys.documents() });
    for (const fp of signatures.unverifiable) unverifiable.add(fp);
    const secrets = await worker.findSecrets({ records: fresh });
    current.addHits([...signatures.hits, ...secrets.hits]);
  };
  const kick = (): void => {
    if (!model) return;
    if (running) {
      again = true;
      return;
    }
    running = run(model)
      .catch(() => undefined) // a failed check must not stop later ones; the tokens stay unflagged
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          schedule();
        }
      });
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(kick, QUIET_MS);
  };

  return {
    observeEntry(entry, requestId) {
      if (keys.observe(entry, requestId)) {
        keysChanged = true;
        schedule();
      }
    },
    async onWordlist(text, fileName) {
      if (!model) return 'The panel is not ready yet.';
      const result = await worker.findSecrets({ records: [...model.records()], wordlist: { name: fileName, text } });
      model.addHits(result.hits);
      return `Wordlist ${fileName}: ${result.words ?? 0} words tried on ${result.tokens} HS tokens, ${result.hits.length} cracked`;
    },
    attach(target) {
      model = target;
      const stop = effect(() => {
        void target.result.value;
        schedule();
      });
      return () => {
        stop();
        clearTimeout(timer);
        model = null;
      };
    },
  };
}
