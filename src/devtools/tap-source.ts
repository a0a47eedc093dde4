import type { CaptureSource } from '../panel/capture-source';

/**
 * Wraps a capture source so `observe` also sees every entry, live and backfilled, in the order the panel
 * does. The panel's own subscriptions are untouched; a throwing observer is ignored.
 */
export function tapSource(
  source: CaptureSource,
  observe: (entry: unknown, requestId: string) => void,
): CaptureSource {
  const safeObserve = (entry: unknown, requestId: string): void => {
    try {
      observe(entry, requestId);
    } catch {
      // The tap is an extra (key documents for signature checks); capture must go on without it.
    }
  };
  source.on('entry', safeObserve);
  return {
    connect: () => source.connect(),
    disconnect: () => source.disconnect(),
    on: source.on.bind(source) as CaptureSource['on'],
    async backfill() {
      const items = await source.backfill();
      for (const item of items) safeObserve(item.entry, item.requestId);
      return items;
    },
    scanStorage: () => source.scanStorage(),
    ...(source.pageOrigin ? { pageOrigin: source.pageOrigin.bind(source) } : {}),
  };
}
