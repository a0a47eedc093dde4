import type { ProbeRequest } from '../../core/probe';
import { isLoopbackHost } from '../../core/rules/context/hosts';

/** Methods that only read (RFC 9110 §9.2.1 safe methods, TRACE aside): anything else needs a second yes. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What the user allowed beyond loopback and safe methods. */
export interface TargetPolicy {
  /** Host names (lower case, no port) named with `--allow-host`. */
  allowedHosts: readonly string[];
  /** `--allow-unsafe-methods`: methods other than GET, HEAD and OPTIONS may be replayed. */
  unsafeMethods: boolean;
}

/**
 * Why a request may not be sent, or `undefined` when it may: only http(s), only a loopback host or one
 * named with `--allow-host`, only a safe method unless unsafe methods were allowed.
 */
export function refusalOf(request: ProbeRequest, policy: TargetPolicy): string | undefined {
  const url = parseHttpUrl(request.url);
  if (!url) return `not an http(s) URL`;
  const host = hostOf(url);
  if (!isLoopbackHost(host) && !policy.allowedHosts.includes(host))
    return `host ${host} refused: only loopback is probed unless --allow-host ${host} names it`;
  const method = request.method.toUpperCase();
  if (!SAFE_METHODS.has(method) && !policy.unsafeMethods)
    return `method ${method} refused: it can change data; add --allow-unsafe-methods to replay it`;
  return undefined;
}

/** Why a planned case may not go where it would, given the original request; `undefined` when it may. */
export function originRefusal(original: ProbeRequest, planned: ProbeRequest): string | undefined {
  const from = parseHttpUrl(original.url)?.origin;
  const to = parseHttpUrl(planned.url)?.origin;
  return from !== undefined && from === to
    ? undefined
    : `origin ${to ?? '(no URL)'} refused: only ${from ?? '(no URL)'}, the original request's origin, is probed`;
}

/** The URL when it is absolute http or https; anything else cannot be probed. */
export function parseHttpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Host name in lower case without IPv6 brackets (`[::1]` → `::1`). */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}
