/** Paths (relative to the root) whose files go into the AMO source archive. */
export const SOURCE_PATHS: string[];

/** Writes the Chrome, Firefox and source archives; returns what it wrote. */
export function packageAll(options?: {
  outDir?: string;
  chromeDir?: string;
  firefoxDir?: string;
  root?: string;
}): { file: string; entries: number; bytes: number }[];
