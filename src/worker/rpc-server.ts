import { isRpcRequest, type MethodMap, type RpcResponse, toRpcError } from './rpc-protocol';

/** The part of a worker's global scope (or a MessagePort) the server uses. */
export interface ServerPort {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  postMessage(message: RpcResponse): void;
}

/**
 * Answers RPC calls on `port` with `methods`. Malformed messages are ignored; unknown methods and thrown
 * errors come back as `{ id, error }`, so one bad call never stops the worker. Returns a stop function.
 */
export function serveRpc<M extends MethodMap>(port: ServerPort, methods: M): () => void {
  const listener = (event: MessageEvent): void => {
    const request: unknown = event.data;
    if (!isRpcRequest(request)) return;
    const { id, method, params } = request;
    const handler = Object.hasOwn(methods, method) ? methods[method] : undefined;
    if (!handler) {
      port.postMessage({ id, error: { name: 'RpcMethodNotFound', message: `no method "${method}"` } });
      return;
    }
    Promise.resolve()
      .then(() => handler(params as never))
      .then(
        (result) => port.postMessage({ id, result }),
        (error: unknown) => port.postMessage({ id, error: toRpcError(error) }),
      )
      .catch((error: unknown) => {
        // postMessage itself throws when a result cannot be cloned: answer with that instead.
        port.postMessage({ id, error: toRpcError(error) });
      });
  };
  port.addEventListener('message', listener);
  return () => port.removeEventListener('message', listener);
}
