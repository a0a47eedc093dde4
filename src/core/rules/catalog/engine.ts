import type { RuleInfo } from '../../types';

/** Findings the engine itself raises. */
export const ENGINE_CATALOG: RuleInfo[] = [
  {
    id: 'internal-error',
    title: 'A check failed on this input',
    severity: 'info',
    why:
      'One of JWT Lens’s checks failed on an unexpected input. The rest of the audit ran, but this token was not ' +
      'fully judged: review it by hand and report the problem so the check can be fixed.',
    references: [{ standard: 'CWE', id: 'CWE-20' }],
    scope: 'token',
  },
];
