/** A file to put in an archive: a relative name with forward slashes, its bytes and Unix mode (default 0644). */
export interface ZipInput {
  name: string;
  data: Uint8Array;
  mode?: number;
}

/** A file read back from an archive. */
export interface ZipEntry {
  name: string;
  data: Buffer;
  /** 0 = stored, 8 = deflated. */
  method: number;
  /** Unix permission bits. */
  mode: number;
}

/** Builds a reproducible ZIP archive (entries sorted by name, one timestamp; default the DOS epoch). */
export function createZip(inputs: ZipInput[], options?: { date?: Date }): Buffer;

/** Reads every entry of a ZIP archive, checking sizes and CRC-32s. */
export function readZip(archive: Uint8Array): ZipEntry[];
