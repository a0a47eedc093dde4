/**
 * One line for an error thrown by jose or WebCrypto: jose's error `code` when it has one (stable, documented),
 * else the error's name. Never includes key or token material: jose's messages name parameters, not values.
 */
export function joseProblem(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const name = typeof code === 'string' ? code : error.name;
    return `${name}: ${error.message.slice(0, 160)}`;
  }
  return 'unknown error';
}

/** jose's code for "the signature is wrong" (as opposed to "could not even try"). */
export const SIGNATURE_FAILED = 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED';

/** The `code` of a jose error, or `undefined`. */
export function joseCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
