/**
 * A usage or input problem: the CLI prints `jwt-lens: <message>` on one line and exits with 2.
 * The message names the file, the place and the problem; never a stack trace.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** Exit codes, as documented in `--help` and the README. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

/** A one-line reason for a failed file operation, from Node's error `code`. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ERR_FS_FILE_TOO_LARGE':
    case 'ERR_STRING_TOO_LONG':
      return 'file too large to read into memory';
    default:
      return error instanceof Error ? error.message.split('\n')[0] || String(code) : String(error);
  }
}
