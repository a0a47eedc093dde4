import type { HarImporter } from '../panel/models/har-file-import';
import type { CoreMethods } from '../worker/core-methods';
import type { RpcMethods } from '../worker/rpc-protocol';

type Worker = Pick<
  RpcMethods<CoreMethods>,
  'harImportStart' | 'harImportPush' | 'harImportEnd' | 'harImportCancel'
>;

/** Import HAR through the core worker: the file's chunks are captured there, off the panel's UI thread. */
export function createWorkerImporter(worker: Worker): HarImporter {
  return async (importNumber) => {
    const id = await worker.harImportStart({ importNumber });
    return {
      push: (chunk) => worker.harImportPush({ id, chunk }),
      end: () => worker.harImportEnd({ id }),
      cancel: () => void worker.harImportCancel({ id }).catch(() => undefined),
    };
  };
}
