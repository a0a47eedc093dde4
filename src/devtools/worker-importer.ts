import type { HarImporter } from '../panel/models/har-file-import';
import type { CoreMethods } from '../worker/core-methods';
import type { RpcMethods } from '../worker/rpc-protocol';

type Worker = Pick<RpcMethods<CoreMethods>, 'harImportStart' | 'harImportNext' | 'harImportCancel'>;

/**
 * Import HAR through the core worker: the `File` goes over as a handle, the worker reads and captures
 * it, and the panel only asks for the next step's batch.
 */
export function createWorkerImporter(worker: Worker): HarImporter {
  return async (file, importNumber) => {
    const id = await worker.harImportStart({ file, importNumber });
    return {
      next: () => worker.harImportNext({ id }),
      cancel: async () => {
        await worker.harImportCancel({ id }).catch(() => undefined);
      },
    };
  };
}
