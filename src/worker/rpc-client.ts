import {
  fromRpcError,
  isRpcResponse,
  type MethodMap,
  type RpcMethods,
  type RpcRequest,
  type RpcResponse,
} from './rpc-protocol';

/** The part of a `Worker` (or a MessagePort) the client uses. */
export interface ClientPort {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  postMessage(message: RpcRequest): void;
}

/** A typed RPC client: `client.call('method', params)` or `client.methods.method(params)`. */
export interface RpcClient<M extends MethodMap> {
  call<K extends keyof M & string>(
    method: K,
    params: Parameters<M[K]>[0],
  ): Promise<Awaited<ReturnType<M[K]>>>;
  methods: RpcMethods<M>;
  /** Calls still waiting for an answer. */
  pending(): number;
  /** Rejects every pending call (the worker is being terminated). */
  dispose(reason?: string): void;
}

interface Waiter {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Creates the page side of the worker RPC. A worker that fails to load or crashes rejects every pending
 * call with a `WorkerError`, so callers never wait forever.
 */
export function createRpcClient<M extends MethodMap>(port: ClientPort): RpcClient<M> {
  const waiting = new Map<number, Waiter>();
  let nextId = 1;
  let closed: string | null = null;
  const failAll = (message: string): void => {
    for (const waiter of waiting.values())
      waiter.reject(Object.assign(new Error(message), { name: 'WorkerError' }));
    waiting.clear();
  };
  port.addEventListener('message', (event: MessageEvent) => settle(waiting, event.data));
  port.addEventListener('error', () => failAll('the worker failed'));
  const call = (method: string, params: unknown): Promise<unknown> => {
    if (closed) return Promise.reject(Object.assign(new Error(closed), { name: 'WorkerError' }));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      try {
        port.postMessage({ id, method, params });
      } catch (error) {
        waiting.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  };
  const methods = new Proxy({} as RpcMethods<M>, {
    get: (_target, name) => (params: unknown) => call(String(name), params),
  });
  return {
    call: call as RpcClient<M>['call'],
    methods,
    pending: () => waiting.size,
    dispose(reason = 'the worker was terminated') {
      closed = reason;
      failAll(reason);
    },
  };
}

function settle(waiting: Map<number, Waiter>, data: unknown): void {
  if (!isRpcResponse(data)) return;
  const waiter = waiting.get(data.id);
  if (!waiter) return;
  waiting.delete(data.id);
  const response = data as RpcResponse;
  if ('error' in response) waiter.reject(fromRpcError(response.error));
  else waiter.resolve(response.result);
}
