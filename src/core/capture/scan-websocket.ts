import type { Where } from '../types';
import type { EntryScan } from './entry-scan';
import { isRecord, numberAt } from './guards';
import { base64Text, capText, scanBodyText } from './scan-body';

/** Frames read per WebSocket: a long-lived socket can log millions of them; the rest is reported. */
export const MAX_WEBSOCKET_MESSAGES = 10_000;

/**
 * Entry field the panel adds when it hands over only the first `MAX_WEBSOCKET_MESSAGES` frames of a
 * socket: how many frames DevTools logged, so the problem line still gives the real count.
 */
export const WEBSOCKET_MESSAGE_COUNT = '_webSocketMessageCount';

/**
 * A frame's direction and text: binary frames (base64 in the HAR) decoded as UTF-8. `undefined` for a
 * control frame (close, ping, pong: no application data), `null` for a frame that cannot be read.
 */
function readFrame(message: unknown): { sent: boolean; text: string } | null | undefined {
  if (!isRecord(message)) return null;
  const { type, data } = message;
  if ((type !== 'send' && type !== 'receive') || typeof data !== 'string') return null;
  const opcode = numberAt(message, 'opcode', 1);
  if (opcode !== 1 && opcode !== 2) return undefined;
  const text = opcode === 1 ? data : base64Text(data);
  return text === null ? null : { sent: type === 'send', text };
}

/**
 * WebSocket frames, as HAR exports (Chrome since 76, Playwright, mitmproxy, HTTP Toolkit) record them in
 * an entry's `_webSocketMessages`: `{ type: "send" | "receive", time, opcode, data }`. Apps authenticate
 * sockets in the first frames (GraphQL `connection_init`, STOMP `CONNECT` headers, Socket.IO `auth`), so
 * data frames are scanned like bodies: sent ones as request bodies, received ones as response bodies,
 * named `WebSocket sent: $.path`. Repeats of a token under the same name are one sighting. Frames that
 * are not such records are counted in one problem line, never silently dropped.
 */
export function scanWebSocketMessages(scan: EntryScan, messages: unknown, declaredCount?: unknown): void {
  if (messages === undefined) return;
  if (!Array.isArray(messages)) {
    scan.problems.push('_webSocketMessages is not an array; not scanned');
    return;
  }
  const count = Math.min(messages.length, MAX_WEBSOCKET_MESSAGES);
  const total =
    typeof declaredCount === 'number' && Number.isSafeInteger(declaredCount)
      ? Math.max(declaredCount, messages.length)
      : messages.length;
  if (total > count) {
    scan.problems.push(`${total} WebSocket messages; only the first ${count} were scanned`);
  }
  let unreadable = 0;
  for (let i = 0; i < count; i++) {
    const frame = readFrame(messages[i]);
    if (frame === null) unreadable++;
    if (!frame?.text) continue;
    const where: Where = frame.sent ? 'request-body' : 'response-body';
    const label = frame.sent ? 'WebSocket sent' : 'WebSocket received';
    scanBodyText(scan, where, capText(scan, frame.text, 'WebSocket message'), label);
  }
  if (unreadable > 0) {
    scan.problems.push(
      `${unreadable} WebSocket message(s) are not {type, opcode, data} frames with readable data; not scanned`,
    );
  }
}
