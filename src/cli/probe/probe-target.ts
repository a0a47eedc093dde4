import type { ProbeRequest } from '../../core/probe';
import type { CaptureResult } from '../../core/types';
import type { ParsedArgs } from '../args';
import { CliError } from '../errors';
import type { CliIo } from '../io';
import { loadHarDocument } from '../read-input';
import { probeRequestOf } from './har-request';
import { chooseEntry, chooseToken, type SlotChoice } from './select';
import { refusalOf, type TargetPolicy } from './target';

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
  const { json, capture } = await loadHarDocument(path, io);
  const entries = entriesOf(json);
  const entry = chooseEntry(entries, capture, selector);
  const request = probeRequestOf(entries[entry]);
  if ('error' in request) throw new CliError(`entry ${entry}: ${request.error}`);
  const choice = chooseToken(capture, entry, args.value('token'));
  const refused = refusalOf(request, policy);
  if (refused) throw new CliError(`entry ${entry}: ${refused}`);
  return { path, capture, entry, request, choice, policy };
}

/** `log.entries`: `captureHar` has already checked it is an array. */
function entriesOf(json: unknown): unknown[] {
  const entries = (json as { log?: { entries?: unknown } }).log?.entries;
  return Array.isArray(entries) ? entries : [];
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
