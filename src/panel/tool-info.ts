// Bundled at build time, like the CLI's: both write the same `tool` block into reports.
import { version } from '../../package.json';

/** The tool as named in reports written by the panel. */
export const PANEL_TOOL = { name: 'jwt-lens', version } as const;
