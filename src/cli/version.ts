// Bundled at build time: the CLI needs no package.json beside it at run time.
import { version } from '../../package.json';

/** The tool as named in reports. */
export const TOOL = { name: 'jwt-lens', version } as const;
