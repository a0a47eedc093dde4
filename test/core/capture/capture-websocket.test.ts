import { describe, expect, it } from 'vitest';
import { auditCapture } from '../../../src/core/audit';
import {
  captureEntry,
  captureHar,
  MAX_WEBSOCKET_MESSAGES,
  WEBSOCKET_MESSAGE_COUNT,
} from '../../../src/core/capture';
import type { CaptureResult } from '../../../src/core/types';
import { fakeJwt, makeEntry } from './har-builders';

const AT = fakeJwt({ sub: 'alice', scope: 'read' });
const RT = fakeJwt({ sub: 'alice', jti: 'r1' }, { alg: 'HS512' });

/** A WebSocket handshake entry (101) as Chrome exports it, with its frames. */
function socket(messages: unknown, url = 'wss://api.example.test/graphql'): Record<string, unknown> {
  const entry = makeEntry({ url, status: 101 });
  entry._resourceType = 'websocket';
  entry._webSocketMessages = messages;
  return entry;
}

const frame = (type: string, data: string, opcode = 1) => ({ type, time: 1741942800.5, opcode, data });

function names(result: CaptureResult): string[] {
  return result.sightings.map((s) => `${s.where} ${s.name}`);
}

describe('captureEntry: WebSocket frames', () => {
  it('finds a token sent in a GraphQL connection_init and one received, named by path', () => {
    const result = captureEntry(
      socket([
        frame(
          'send',
          JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${AT}` } }),
        ),
        frame('receive', JSON.stringify({ type: 'connection_ack' })),
        frame(
          'receive',
          JSON.stringify({ type: 'next', payload: { data: { renew: { refresh_token: RT } } } }),
        ),
      ]),
      '0',
    );
    expect(names(result)).toEqual([
      'request-body WebSocket sent: $.payload.authorization',
      'response-body WebSocket received: $.payload.data.renew.refresh_token',
    ]);
    expect(result.sightings.map((s) => s.tokenText)).toEqual([AT, RT]);
    expect(result.problems).toEqual([]);
  });

  it('reads STOMP text frames and binary frames, and counts a repeated token once', () => {
    const stomp = `CONNECT\naccept-version:1.2\nAuthorization:Bearer ${AT}\n\n\u0000`;
    const result = captureEntry(
      socket([
        frame('send', stomp),
        frame('send', stomp),
        frame('send', btoa(`{"auth":"${RT}"}`), 2),
        frame('send', '', 9),
      ]),
      '0',
    );
    expect(names(result)).toEqual([
      'request-body WebSocket sent: message',
      'request-body WebSocket sent: $.auth',
    ]);
  });

  it('reports frames it cannot read instead of dropping them silently', () => {
    const result = captureEntry(
      socket([
        frame('send', `{"t":"${AT}"}`),
        'junk',
        { type: 'sideways', data: 'x' },
        frame('send', '@@@', 2),
      ]),
      '7',
    );
    expect(names(result)).toEqual(['request-body WebSocket sent: $.t']);
    expect(result.problems).toEqual([
      'entry 7: 3 WebSocket message(s) are not {type, opcode, data} frames with readable data; not scanned',
    ]);
    expect(captureEntry(socket({ not: 'a list' }), '8').problems).toEqual([
      'entry 8: _webSocketMessages is not an array; not scanned',
    ]);
  });

  it('scans a bounded number of frames and says so', () => {
    const frames = Array.from({ length: MAX_WEBSOCKET_MESSAGES + 5 }, () => frame('receive', 'pong'));
    frames.push(frame('send', `{"t":"${AT}"}`));
    const result = captureEntry(socket(frames), '0');
    expect(result.sightings).toEqual([]);
    expect(result.problems).toEqual([
      `entry 0: ${MAX_WEBSOCKET_MESSAGES + 6} WebSocket messages; only the first ${MAX_WEBSOCKET_MESSAGES} were scanned`,
    ]);
  });

  it('reports the count the panel declares when it hands over only the first frames', () => {
    const entry = socket([frame('send', `{"t":"${AT}"}`)]);
    entry[WEBSOCKET_MESSAGE_COUNT] = 2_500_000;
    const result = captureEntry(entry, '0');
    expect(names(result)).toEqual(['request-body WebSocket sent: $.t']);
    expect(result.problems).toEqual(['entry 0: 2500000 WebSocket messages; only the first 1 were scanned']);
    // A count below what is there, or not a count, changes nothing.
    for (const declared of [0, -3, 1.5, 'many']) {
      entry[WEBSOCKET_MESSAGE_COUNT] = declared;
      expect(captureEntry(entry, '0').problems).toEqual([]);
    }
  });

  it('feeds the context rules: a token over ws:// is cleartext transport', () => {
    const audit = (url?: string) => {
      const captured = captureHar({
        log: { version: '1.2', entries: [socket([frame('send', `{"token":"${AT}"}`)], url)] },
      });
      if ('error' in captured) throw new Error(captured.error);
      return auditCapture([captured], { now: 1_741_942_800 }).findings;
    };
    const cleartext = audit('ws://api.example.test/live').find((f) => f.ruleId === 'transport-cleartext');
    expect(cleartext?.detail).toMatch(/^sent over ws:\/\/ to api\.example\.test/);
    expect(audit().map((f) => f.ruleId)).not.toContain('transport-cleartext');
  });
});
