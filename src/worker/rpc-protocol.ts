/**
 * The worker RPC wire format: `{ id, method, params }` → `{ id, result } | { id, error: { name, message } }`.
 * Errors cross the boundary as plain `{ name, message }` (STYLE.md): no stacks, no class instances.
 */

/** A call from the page to the worker. */
export interface RpcRequest {
  id: number;
  method: string;
  params: unknown;
}

/** A plain error that survives structured cloning. */
export interface RpcError {
  name: string;
  message: string;
}

/** The worker's answer to one call. */
export type RpcResponse = { id: number; result: unknown } | { id: number; error: RpcError };

/** Methods a worker serves: each takes one structured-cloneable argument. */
export type MethodMap = Record<string, (params: never) => unknown>;

/** The page side's typed view of a {@link MethodMap}: every method becomes async. */
export type RpcMethods<M extends MethodMap> = {
  [K in keyof M]: (params: Parameters<M[K]>[0]) => Promise<Awaited<ReturnType<M[K]>>>;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** True for a well-formed {@link RpcRequest}. */
export function isRpcRequest(value: unknown): value is RpcRequest {
  return (
    isRecord(value) && Number.isSafeInteger(value.id) && typeof value.method === 'string' && 'params' in value
  );
}

/** True for a well-formed {@link RpcResponse}. */
export function isRpcResponse(value: unknown): value is RpcResponse {
  if (!isRecord(value) || !Number.isSafeInteger(value.id)) return false;
  if ('result' in value) return true;
  return (
    isRecord(value.error) && typeof value.error.name === 'string' && typeof value.error.message === 'string'
  );
}

/** Any thrown value as a plain {@link RpcError}. */
export function toRpcError(error: unknown): RpcError {
  if (error instanceof Error) return { name: error.name || 'Error', message: error.message };
  return { name: 'Error', message: typeof error === 'string' ? error : 'unknown error' };
}

/** An `Error` rebuilt on the page side from an {@link RpcError}. */
export function fromRpcError(error: RpcError): Error {
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}
