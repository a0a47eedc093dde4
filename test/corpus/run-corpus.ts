/**
 * The whole corpus run: load, audit every token and committed flow with the CLI, score. Generated flows
 * (`source.generatedBy`) are counted, not scanned: the test that records each scores it.
 */
import { RULE_IDS } from '../../src/core';
import { loadCorpus } from './corpus-files';
import { judgeFlow, judgeToken } from './judge';
import { type CorpusScore, type Judged, scoreCases } from './score';

export interface CorpusRun {
  score: CorpusScore;
  /** File and selector problems: each fails the corpus test. */
  errors: string[];
  counts: {
    tokens: number;
    flows: number;
    byPrefix: Record<string, number>;
    /** Flows recorded at test time, by the test that scores each (`source.generatedBy`): not scanned here. */
    generated: { name: string; by: string }[];
  };
}

export async function runCorpus(dir?: string): Promise<CorpusRun> {
  const corpus = loadCorpus(RULE_IDS, dir);
  const errors = [...corpus.errors];
  const judged: Judged[] = [];
  for (const token of corpus.tokens) judged.push(await judgeToken(token));
  for (const flow of corpus.flows) {
    const result = await judgeFlow(flow);
    judged.push(...result.judged);
    errors.push(...result.errors);
  }
  const byPrefix: Record<string, number> = {};
  for (const token of corpus.tokens) {
    const prefix = (token.file.split('/').pop() ?? '').split('-')[0] ?? '';
    byPrefix[prefix] = (byPrefix[prefix] ?? 0) + 1;
  }
  return {
    score: scoreCases(judged),
    errors,
    counts: {
      tokens: corpus.tokens.length,
      flows: corpus.flows.length,
      byPrefix,
      generated: corpus.generated.map((flow) => ({ name: flow.name, by: flow.generatedBy })),
    },
  };
}
