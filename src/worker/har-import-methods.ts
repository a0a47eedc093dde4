import { createBlobImport, type HarImportChannel, type HarImportStep } from '../panel/models/har-file-import';

/** The worker's side of Import HAR: files read with `Blob.stream()` and captured off the panel's UI thread. */
export interface HarImportMethods {
  /** Opens `file` (a `File` crosses to the worker as a handle, not its bytes); returns the import's id. */
  harImportStart(params: { file: Blob; importNumber: number }): number;
  harImportNext(params: { id: number }): Promise<HarImportStep>;
  harImportCancel(params: { id: number }): Promise<boolean>;
}

/** Imports open at once at most (one per Import click; a finished or cancelled one is dropped). */
const MAX_IMPORTS = 4;

/** Creates the import methods; each import lives from `harImportStart` to its last step or cancel. */
export function createHarImportMethods(): HarImportMethods {
  const imports = new Map<number, HarImportChannel>();
  let nextId = 1;
  const drop = async (id: number): Promise<boolean> => {
    const channel = imports.get(id);
    imports.delete(id);
    await channel?.cancel();
    return channel !== undefined;
  };
  return {
    harImportStart({ file, importNumber }) {
      // The oldest import left open (its page went away mid-import) makes room.
      const oldest = imports.keys().next();
      if (imports.size >= MAX_IMPORTS && !oldest.done) void drop(oldest.value);
      const id = nextId++;
      imports.set(id, createBlobImport(file, importNumber));
      return id;
    },
    async harImportNext({ id }) {
      const channel = imports.get(id);
      if (!channel) return { error: 'the import was cancelled' };
      const step = await channel.next();
      if ('error' in step || step.done) imports.delete(id);
      return step;
    },
    harImportCancel: ({ id }) => drop(id),
  };
}
