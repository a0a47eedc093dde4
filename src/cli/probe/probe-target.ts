import { createHarStream } from '../../core/capture/har-stream';
import { cutMarkJson } from '../../core/capture/string-cut';
import type { ProbeRequest } from '../../core/probe';
import type { CaptureResult } from '../../core/types';
import type { ParsedArgs } from '../args';
import { CliError, describeFsError } from '../errors';
import type { CliIo } from '../io';
import { createProgress, formatMegabytes } from '../progress';
import { loadHarDocument, loadInput } from '../read-input';
import { probeRequestOf } from './har-request';
import { chooseToken, createEntryChooser, type SlotChoice } from './select';
import { refusalOf, type TargetPolicy } from './target';

/** What the reader leaves where it cut a long string (`\\u0000\\u0000jwt-lens-cut-`). */
const CUT_MARK_JSON = cutMarkJson(0).replace(/0$/, '');

/** The request a probe replays, the token it tampers with, and what it may reach. */
export interface ProbeTarget {
  path: string;
  capture: CaptureResult;
  /** The HAR entry, counted from 0. */
  entry: number;
  request: ProbeRequest;
  choice: SlotChoice;
  policy: TargetPolicy;
}

/**
 * Reads the HAR, picks the entry (`--entry`) and the token (`--token`), and checks the request against the
 * target rules before anything is planned. Every problem is a `CliError`: one line naming the entry.
 */
export async function readProbeTarget(args: ParsedArgs, io: CliIo): Promise<ProbeTarget> {
  const [path, ...extra] = args.positionals;
  if (path === undefined || extra.length > 0)
    throw new CliError('probe needs exactly one HAR file (see --help)');
  const selector = args.value('entry');
  if (selector === undefined) throw new CliError('probe needs --entry <index|URL substring> (see --help)');
  const policy: TargetPolicy = {
    allowedHosts: args.values('allow-host').map((h) => h.toLowerCase().replace(/^\[(.*)\]$/, '$1')),
    unsafeMethods: args.flag('allow-unsafe-methods'),
  };
  const { capture, entry, raw } = await loadProbeEntry(path, selector, io);
  const request = probeRequestOf(raw);
  if ('error' in request) throw new CliError(`entry ${entry}: ${request.error}`);
  const choice = chooseToken(capture, entry, args.value('token'));
  const refused = refusalOf(request, policy);
  if (refused) throw new CliError(`entry ${entry}: ${refused}`);
  return { path, capture, entry, request, choice, policy };
}

/**
 * The capture of the HAR and the entry `--entry` names. A file is read twice, each time as a stream: once
 * to capture (as `scan` does), once to find the entry; neither keeps the file in memory, so a session HAR
 * of any size can be probed. Standard input is read whole, once.
 */
async function loadProbeEntry(
  path: string,
  selector: string,
  io: CliIo,
): Promise<{ capture: CaptureResult; entry: number; raw: unknown }> {
  if (path === '-') {
    const { json, capture } = await loadHarDocument(path, io);
    const entries = (json as { log?: { entries?: unknown } }).log?.entries;
    const list = Array.isArray(entries) ? entries : [];
    const chooser = createEntryChooser(capture, selector);
    list.every((entry, index) => !chooser.offer(index, entry));
    const chosen = chooser.finish(list.length);
    return { capture, entry: chosen.index, raw: chosen.entry };
  }
  const capture = await loadInput(path, io);
  const chooser = createEntryChooser(capture, selector);
  const count = await streamEntries(path, io, (index, entry) => chooser.offer(index, entry));
  const chosen = chooser.finish(count);
  if (hasCutValue(chosen.entry))
    throw new CliError(`entry ${chosen.index}: a value of its request is too large to replay`);
  return { capture, entry: chosen.index, raw: chosen.entry };
}

/** Streams the HAR's entries to `offer` until it says stop; the number of entries read. */
async function streamEntries(
  path: string,
  io: CliIo,
  offer: (index: number, entry: unknown) => boolean,
): Promise<number> {
  let done = false;
  const stream = createHarStream({
    onEntry: (entry, index) => {
      done ||= offer(index, entry);
    },
  });
  const size = await io.fileSize(path).catch(() => 0);
  const progress = createProgress(io.stderr, size);
  try {
    for await (const chunk of io.readChunks(path)) {
      if (!stream.push(chunk) || done) break;
      if (progress.visible)
        progress.update(`jwt-lens: finding the entry ${formatMegabytes(stream.bytes, size)}`);
    }
  } catch (error) {
    throw new CliError(`${path}: ${describeFsError(error)}`);
  } finally {
    progress.done();
  }
  const end = stream.end();
  if (end.error && !done) throw new CliError(`${path}: ${end.error}`);
  return end.entries;
}

/** True when the reader cut a string of the entry's request (it keeps at most `MAX_STRING_BYTES`). */
function hasCutValue(entry: unknown): boolean {
  const request = (entry as { request?: unknown } | null)?.request;
  return JSON.stringify(request ?? null).includes(CUT_MARK_JSON);
}

/** The capture narrowed to one token: its sightings, the facts of the requests that carried it, every key set. */
export function onlyToken(capture: CaptureResult, token: string): CaptureResult {
  const sightings = capture.sightings.filter((s) => s.tokenText === token);
  const requests = new Set(sightings.map((s) => s.requestId));
  return {
    ...capture,
    sightings,
    observations: capture.observations.filter((o) => requests.has(o.requestId)),
    exchanges: capture.exchanges?.filter((e) => requests.has(e.requestId)),
  };
}
