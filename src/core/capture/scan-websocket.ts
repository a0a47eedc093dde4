import type { Where } from '../types';
import type { EntryScan } from './entry-scan';
import { isRecord, numberAt } from './guards';
import { base64Text, capText, scanBodyText } from './scan-body';

/** Frames read per WebSocket: a long-lived socket can log millions of them; the rest is reported. */
export const MAX_WEBSOCKET_MESSAGES = 10_000;

/** The text of a data frame: text frames as they are, binary ones (base64 in the HAR) decoded as UTF-8. */
function frameText(opcode: number, data: string): string | null | undefined {
  if (opcode === 1) return data;
  if (opcode !== 2) return undefined; // control frames (close, ping, pong) carry no application data
  return base64Text(data);
}

/**
 * WebSocket frames, as HAR exports (Chrome since 76, Playwright, mitmproxy, HTTP Toolkit) record them in
 * an entry's `_webSocketMessages`: `{ type: "send" | "receive", time, opcode, data }`. Apps authenticate sockets in the first frames
 * (GraphQL `connection_init`, STOMP `CONNECT` headers, Socket.IO `auth`), so data frames are scanned like
 * bodies: sent ones as request bodies, received ones as response bodies, named `WebSocket sent: $.path`.
 * Repeats of a token under the same name are one sighting. Frames that are not such records are
 * counted in one problem line, never silently dropped.
 */
export function scanWebSocketMessages(scan: EntryScan, messages: unknown): void {
  if (messages === undefined) return;
  if (!Array.isArray(messages)) {
    scan.problems.push('_webSocketMessages is not an array; not scanned');
    return;
  }
  const count = Math.min(messages.length, MAX_WEBSOCKET_MESSAGES);
  if (messages.length > count) {
    scan.problems.push(
      `${messages.length} WebSocket messages; only the first ${MAX_WEBSOCKET_MESSAGES} were scanned`,
    );
  }
  let unreadable = 0;
  for (let i = 0; i < count; i++) {
    const message: unknown = messages[i];
    const type = isRecord(message) ? message.type : undefined;
    const data = isRecord(message) ? message.data : undefined;
    if (!isRecord(message) || (type !== 'send' && type !== 'receive') || typeof data !== 'string') {
      unreadable++;
      continue;
    }
    const text = frameText(numberAt(message, 'opcode', 1), data);
    if (text === null) unreadable++;
    if (!text) continue;
    const where: Where = type === 'send' ? 'request-body' : 'response-body';
    const label = type === 'send' ? 'WebSocket sent' : 'WebSocket received';
    scanBodyText(scan, where, capText(scan, text, 'WebSocket message'), label);
  }
  if (unreadable > 0) {
    scan.problems.push(
      `${unreadable} WebSocket message(s) are not {type, opcode, data} frames with readable data; not scanned`,
    );
  }
}
