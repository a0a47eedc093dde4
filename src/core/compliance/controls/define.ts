import type { Control, FrameworkId } from '../types';

/**
 * A control maker for one framework: `full` coverage without `needs`; with it, `partial`, and `needs`
 * says what an assessor still has to get from the organisation.
 */
export function controlsOf(framework: FrameworkId) {
  return (id: string, title: string, needs?: string): Control =>
    needs === undefined
      ? { framework, id, title, coverage: 'full' }
      : { framework, id, title, coverage: 'partial', needs };
}
