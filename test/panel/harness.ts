import { createManualScheduler } from '../../src/panel/models/scheduler';
import { createTokensModel, type TokensModelOptions } from '../../src/panel/models/tokens-model';
import { createReplaySource, type ReplayOptions } from '../../src/panel/replay-source';
import { NOW } from './fixtures';

/** A tokens model over a replay source, a manual scheduler (one `frame()` = one animation frame), a pinned clock. */
export async function createTestModel(options: TokensModelOptions = {}, replay: ReplayOptions = {}) {
  const source = createReplaySource([], { origin: 'https://app.example.test', ...replay });
  const scheduler = createManualScheduler();
  const model = createTokensModel(source, {
    scheduler: scheduler.schedule,
    now: () => NOW * 1000,
    ...options,
  });
  await model.connect();
  return { source, scheduler, model, frame: () => scheduler.run() };
}
