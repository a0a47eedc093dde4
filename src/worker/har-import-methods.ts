import {
  createHarImportSession,
  type HarImportBatch,
  type HarImportEnd,
  type HarImportSession,
} from '../panel/models/har-import-session';

/** A chunk of a streamed HAR import (`id` is the page's handle on the session). */
export interface HarImportChunk {
  id: number;
  chunk: Uint8Array;
}

/** The worker's side of Import HAR: sessions that capture a file's chunks off the panel's UI thread. */
export interface HarImportMethods {
  harImportStart(params: { importNumber: number }): number;
  harImportPush(params: HarImportChunk): HarImportBatch;
  harImportEnd(params: { id: number }): HarImportEnd;
  harImportCancel(params: { id: number }): boolean;
}

/** Imports open at once at most (one per Import click; a cancelled one is dropped at once). */
const MAX_SESSIONS = 4;

const GONE = { error: 'the import was cancelled' };

/** Creates the import methods; each session lives from `harImportStart` to its end or cancel. */
export function createHarImportMethods(): HarImportMethods {
  const sessions = new Map<number, HarImportSession>();
  let nextId = 1;
  const session = (id: number): HarImportSession => {
    const found = sessions.get(id);
    if (!found) throw new Error(GONE.error);
    return found;
  };
  return {
    harImportStart({ importNumber }) {
      // The oldest session left open (its page went away mid-import) makes room.
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as number);
      const id = nextId++;
      sessions.set(id, createHarImportSession(importNumber));
      return id;
    },
    harImportPush: ({ id, chunk }) => session(id).push(chunk),
    harImportEnd({ id }) {
      const end = sessions.get(id)?.end() ?? GONE;
      sessions.delete(id);
      return end;
    },
    harImportCancel: ({ id }) => sessions.delete(id),
  };
}
