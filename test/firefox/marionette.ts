import { connect, type Socket } from 'node:net';

/**
 * A minimal client for Firefox's Marionette protocol (the one geckodriver speaks; Debian ships no
 * geckodriver). Packets are `<byte length>:<JSON>`; the server greets first, then each command
 * `[0, id, name, params]` gets exactly one reply `[1, id, error, result]`.
 */
export interface MarionetteClient {
  send<T = unknown>(command: string, params?: Record<string, unknown>): Promise<T>;
  close(): void;
}

interface Pending {
  command: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Connects to a Marionette server on 127.0.0.1 and waits for its greeting. */
export async function connectMarionette(port: number, timeoutMs = 10_000): Promise<MarionetteClient> {
  const socket: Socket = connect(port, '127.0.0.1');
  const pending = new Map<number, Pending>();
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  let greeted: (() => void) | undefined;
  const greeting = new Promise<void>((resolve) => {
    greeted = resolve;
  });

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const colon = buffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(buffer.subarray(0, colon).toString('ascii'));
      if (buffer.length < colon + 1 + length) return;
      const packet: unknown = JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString('utf8'));
      buffer = buffer.subarray(colon + 1 + length);
      if (!Array.isArray(packet)) {
        greeted?.();
        continue;
      }
      const [, id, error, result] = packet as [
        number,
        number,
        { error: string; message: string } | null,
        unknown,
      ];
      const waiter = pending.get(id);
      pending.delete(id);
      if (!waiter) continue;
      if (error) waiter.reject(new Error(`Marionette ${waiter.command}: ${error.error}: ${error.message}`));
      else waiter.resolve(result);
    }
  });
  socket.on('error', (error) => failAll(error));
  socket.on('close', () => failAll(new Error('Marionette connection closed')));

  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      greeting,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no Marionette greeting on port ${port}`)), timeoutMs);
        socket.once('error', reject);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }

  return {
    send<T>(command: string, params: Record<string, unknown> = {}): Promise<T> {
      const id = nextId++;
      const body = Buffer.from(JSON.stringify([0, id, command, params]), 'utf8');
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { command, resolve: resolve as (v: unknown) => void, reject });
        socket.write(`${body.length}:`);
        socket.write(body);
      });
    },
    close() {
      socket.destroy();
    },
  };
}
