import { MAX_BODY_CHARS } from '../core/capture/scan-body';
import { MAX_WEBSOCKET_MESSAGES, WEBSOCKET_MESSAGE_COUNT } from '../core/capture/scan-websocket';

/** Largest response body read with `getContent()`: token endpoints and JWKS documents are far smaller. */
export const MAX_CONTENT_BYTES = 1024 * 1024;

/** Body of a response as `getContent()` hands it over. */
export interface EntryContent {
  text: string;
  /** `base64` for binary bodies; absent for text. */
  encoding?: string;
}

const TEXTUAL_MIME = /^(text\/|application\/([\w.+-]*\+)?(json|xml|x-www-form-urlencoded|javascript|jwt)\b)/i;

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * True when a finished request's body is worth reading: JSON or text, at most 1 MiB. Anything else
 * (images, fonts, media, huge bundles) is skipped so capture costs the inspected page nothing.
 */
export function isContentWanted(entry: unknown): boolean {
  const content = record(record(record(entry)?.response)?.content);
  if (!content) return false;
  const mime = typeof content.mimeType === 'string' ? content.mimeType : '';
  const size = typeof content.size === 'number' ? content.size : Number.POSITIVE_INFINITY;
  return TEXTUAL_MIME.test(mime.trim()) && size >= 0 && size <= MAX_CONTENT_BYTES;
}

/** Values copied at most per field of an entry; past it the field is dropped, as an unclonable one is. */
const MAX_COPIED_VALUES = 100_000;

/**
 * A copy of JSON data as `JSON.parse(JSON.stringify(value))` makes it (functions, symbols and `undefined`
 * dropped from records and `null` in arrays, non-finite numbers `null`, prototypes left behind), walked
 * by hand: ten times faster than the round trip through text, which was a tenth of the panel's time per
 * captured request. Beyond `MAX_COPIED_VALUES` values (a cycle, a runaway object) or on a throwing getter
 * the whole field is dropped (`undefined`), as `JSON.stringify` would throw. `__proto__` keys are left
 * out, so a copy never gets a prototype; `toJSON` is not called (HAR data has none).
 */
function plainCopy(value: unknown): unknown {
  const budget = { left: MAX_COPIED_VALUES };
  try {
    return copyValue(value, budget);
  } catch {
    return undefined;
  }
}

function copyValue(value: unknown, budget: { left: number }): unknown {
  if (--budget.left < 0) throw new RangeError('too many values');
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null; // -0 + 0 is 0
  if (typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyValue(value[i], budget) ?? null;
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') continue;
    const copy = copyValue((value as Record<string, unknown>)[key], budget);
    if (copy !== undefined) out[key] = copy;
  }
  return out;
}

/** A string or number as is (strings are shared, not copied); anything else, which can't be cloned safely, dropped. */
const scalar = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? value : undefined;

interface FrameCopy {
  type: unknown;
  time: unknown;
  opcode: unknown;
  data: unknown;
}

/** A frame's fields that the engine reads; a frame that is not a record becomes `null` (unreadable). */
function copyFrame(frame: unknown): FrameCopy | null {
  const source = record(frame);
  if (!source) return null;
  return {
    type: scalar(source.type),
    time: scalar(source.time),
    opcode: scalar(source.opcode),
    data: scalar(source.data),
  };
}

/**
 * A WebSocket's frames, as many as the engine reads: at most `MAX_WEBSOCKET_MESSAGES`, and no more frame
 * text than one body (`MAX_BODY_CHARS`), since the entry is copied again to reach the worker. When frames
 * are left out, the real count goes along, so the engine's problem line says how many were scanned.
 */
function copyFrames(frames: unknown, plain: Record<string, unknown>): void {
  if (frames === undefined) return;
  if (!Array.isArray(frames)) {
    plain._webSocketMessages = plainCopy(frames) ?? null;
    return;
  }
  const copies: Array<FrameCopy | null> = [];
  let chars = 0;
  for (const frame of frames) {
    if (copies.length === MAX_WEBSOCKET_MESSAGES) break;
    const copy = copyFrame(frame);
    const size = typeof copy?.data === 'string' ? copy.data.length : 0;
    if (copies.length > 0 && chars + size > MAX_BODY_CHARS) break;
    chars += size;
    copies.push(copy);
  }
  plain._webSocketMessages = copies;
  if (frames.length > copies.length) plain[WEBSOCKET_MESSAGE_COUNT] = frames.length;
}

/**
 * Turns a browser HAR entry (a `devtools.network.Request`, with methods and a browser prototype) into plain
 * HAR 1.2 data, with `response.content.text` filled from `content` when it was read. Of the private `_`
 * fields only `_webSocketMessages` (the frames of a WebSocket, which the engine scans) and Chrome's
 * `_fromCache` are kept; the others, such as `_initiator` (which can hold whole stack traces), are dropped.
 * `_fromCache` and `cache` (Firefox fills `cache.afterRequest` for an answer from its cache) tell the
 * lifecycle that no server judged the token.
 */
export function toPlainEntry(entry: unknown, content?: EntryContent | null): Record<string, unknown> | null {
  const source = record(entry);
  if (!source) return null;
  const plain: Record<string, unknown> = {};
  for (const key of [
    'pageref',
    'startedDateTime',
    'time',
    'request',
    'response',
    'timings',
    'serverIPAddress',
    'cache',
  ]) {
    const copy = plainCopy(source[key]);
    if (copy !== undefined) plain[key] = copy;
  }
  const fromCache = scalar(source._fromCache);
  if (fromCache !== undefined) plain._fromCache = fromCache;
  copyFrames(source._webSocketMessages, plain);
  const response = record(plain.response);
  const body = response ? record(response.content) : null;
  if (body && content && typeof content.text === 'string') {
    body.text = content.text;
    if (content.encoding) body.encoding = content.encoding;
  }
  return plain;
}
