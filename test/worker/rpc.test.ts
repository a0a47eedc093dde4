import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createRpcClient } from '../../src/worker/rpc-client';
import { isRpcRequest, isRpcResponse, toRpcError } from '../../src/worker/rpc-protocol';
import { serveRpc } from '../../src/worker/rpc-server';

type Methods = {
  [method: string]: (params: never) => unknown;
  add(params: { a: number; b: number }): number;
  fail(params: string): never;
  slow(params: number): Promise<number>;
};

const methods: Methods = {
  add: ({ a, b }) => a + b,
  fail: (message) => {
    throw new TypeError(message);
  },
  slow: (ms) => new Promise((r) => setTimeout(() => r(ms), ms)),
};

const channels: MessageChannel[] = [];
function connect() {
  const channel = new MessageChannel();
  channels.push(channel);
  const server = channel.port1 as unknown as Parameters<typeof serveRpc>[0];
  serveRpc(server, methods);
  channel.port1.start();
  const client = createRpcClient<Methods>(channel.port2 as unknown as Parameters<typeof createRpcClient>[0]);
  channel.port2.start();
  return { client, channel };
}

afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

describe('worker RPC', () => {
  it('calls a method and returns its result, by name or through the typed proxy', async () => {
    const { client } = connect();
    await expect(client.call('add', { a: 2, b: 3 })).resolves.toBe(5);
    await expect(client.methods.add({ a: 1, b: 1 })).resolves.toBe(2);
    expect(client.pending()).toBe(0);
  });

  it('brings errors back as { name, message }', async () => {
    const { client } = connect();
    await expect(client.call('fail', 'bad input')).rejects.toMatchObject({
      name: 'TypeError',
      message: 'bad input',
    });
    await expect(client.call('nope' as 'add', { a: 1, b: 1 })).rejects.toMatchObject({
      name: 'RpcMethodNotFound',
    });
    await expect(client.call('toString' as 'add', { a: 1, b: 1 })).rejects.toMatchObject({
      name: 'RpcMethodNotFound',
    });
  });

  it('matches answers to calls by id when they finish out of order', async () => {
    const { client } = connect();
    const results = await Promise.all([
      client.call('slow', 30),
      client.call('slow', 1),
      client.call('add', { a: 0, b: 7 }),
    ]);
    expect(results).toEqual([30, 1, 7]);
  });

  it('ignores malformed messages on both sides', async () => {
    const { client, channel } = connect();
    channel.port2.postMessage({ nonsense: true });
    channel.port1.postMessage({ id: 999, result: 1 });
    channel.port1.postMessage('garbage');
    await expect(client.call('add', { a: 1, b: 2 })).resolves.toBe(3);
  });

  it('rejects pending and later calls once disposed', async () => {
    const { client } = connect();
    const pending = client.call('slow', 50);
    client.dispose('stopped');
    await expect(pending).rejects.toMatchObject({ name: 'WorkerError', message: 'stopped' });
    await expect(client.call('add', { a: 1, b: 1 })).rejects.toMatchObject({ name: 'WorkerError' });
  });
});

describe('rpc protocol guards', () => {
  it('accepts only well-formed messages', () => {
    expect(isRpcRequest({ id: 1, method: 'm', params: null })).toBe(true);
    expect(isRpcRequest({ id: 1.5, method: 'm', params: null })).toBe(false);
    expect(isRpcRequest({ id: 1, method: 'm' })).toBe(false);
    expect(isRpcResponse({ id: 1, result: undefined })).toBe(true);
    expect(isRpcResponse({ id: 1, error: { name: 'E', message: 'm' } })).toBe(true);
    expect(isRpcResponse({ id: 1, error: 'E' })).toBe(false);
    expect(isRpcResponse(null)).toBe(false);
  });

  it('flattens any thrown value to a plain error', () => {
    expect(toRpcError(new RangeError('r'))).toEqual({ name: 'RangeError', message: 'r' });
    expect(toRpcError('text')).toEqual({ name: 'Error', message: 'text' });
    expect(toRpcError({ weird: true })).toEqual({ name: 'Error', message: 'unknown error' });
  });
});
