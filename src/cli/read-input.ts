import { captureHar } from '../core/capture';
import type { CaptureResult } from '../core/types';
import { CliError, describeFsError } from './errors';
import type { CliIo } from './io';
import { describeJsonError } from './json-error';
import { createProgress, formatMegabytes, type Progress } from './progress';
import { captureTokenLines } from './token-lines';

/** Extensions that promise a HAR: anything else is a token list unless it sniffs as JSON. */
const HAR_EXTENSIONS = /\.(har|json)$/i;

/**
 * Reads one input (`-` is standard input) and turns it into a capture: a HAR via `captureHar`, any
 * other text as one token candidate per line. Errors are `CliError`s naming the file and the place.
 * The file's text is not kept: it goes out of scope as soon as it is parsed, before capture walks
 * the entries, so peak memory is that of reading and parsing the file.
 */
export async function loadInput(path: string, io: CliIo): Promise<CaptureResult> {
  return reading(path, io, async (label, progress) => {
    const source = await readSource(path, label, io, progress);
    if (source.kind === 'lines') return captureTokenLines(source.text, label);
    progress.update(`jwt-lens: ${label}: capturing tokens…`);
    return captureFromHar(source.json, label);
  });
}

/**
 * Reads a HAR file and keeps its parsed JSON beside the capture: the probe replays an entry's request as
 * recorded, which the capture alone does not hold. Errors are `CliError`s naming the file.
 */
export async function loadHarDocument(
  path: string,
  io: CliIo,
): Promise<{ json: unknown; capture: CaptureResult }> {
  return reading(path, io, async (label, progress) => {
    const json = parseHarText(await readText(path, label, io, progress), label, true)?.json;
    return { json, capture: captureFromHar(json, label) };
  });
}

/** Runs `work` on one input with its label (`stdin` for `-`) and a progress line for large files. */
async function reading<T>(
  path: string,
  io: CliIo,
  work: (label: string, progress: Progress) => Promise<T>,
): Promise<T> {
  const label = path === '-' ? 'stdin' : path;
  const size = path === '-' ? 0 : await io.fileSize(path).catch((error: unknown) => fail(label, error));
  const progress = createProgress(io.stderr, size);
  try {
    return await work(label, progress);
  } finally {
    progress.done();
  }
}

type Source = { kind: 'har'; json: unknown } | { kind: 'lines'; text: string };

/** Reads and, for a HAR, parses: the raw text dies with this call, before capture starts. */
async function readSource(path: string, label: string, io: CliIo, progress: Progress): Promise<Source> {
  const text = await readText(path, label, io, progress);
  const required = HAR_EXTENSIONS.test(path);
  if (!required && !looksLikeJson(text)) return { kind: 'lines', text };
  if (text.length > 1024 * 1024) progress.update(`jwt-lens: parsing ${label}…`);
  const json = parseHarText(text, label, required);
  return json === undefined ? { kind: 'lines', text } : { kind: 'har', json: json.json };
}

async function readText(path: string, label: string, io: CliIo, progress: Progress): Promise<string> {
  if (path === '-') return io.readStdin();
  const onProgress = (done: number, total: number) =>
    progress.update(`jwt-lens: reading ${label} ${formatMegabytes(done, total)}`);
  try {
    // Reading in chunks to show progress costs memory (see io.ts): only when progress is shown.
    return await io.readFile(path, progress.visible ? onProgress : undefined);
  } catch (error) {
    return fail(label, error);
  }
}

function fail(label: string, error: unknown): never {
  throw new CliError(`${label}: ${describeFsError(error)}`);
}

function looksLikeJson(text: string): boolean {
  return /^\uFEFF?\s*\{/.test(text.slice(0, 1024));
}

/**
 * Parses HAR text. When the name promises a HAR (`required`), bad JSON is an error; a sniffed file
 * that is not JSON after all is read as a token list instead (returns `undefined`).
 */
function parseHarText(text: string, label: string, required: boolean): { json: unknown } | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { json: JSON.parse(body) };
  } catch (error) {
    if (!required) return undefined;
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`${label}: ${describeJsonError(body, message)}`);
  }
}

function captureFromHar(json: unknown, label: string): CaptureResult {
  const result = captureHar(json);
  if ('error' in result) throw new CliError(`${label}: ${result.error}`);
  return result;
}
