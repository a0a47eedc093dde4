import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isLoopbackHost } from '../../core/rules/context/hosts';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
type Lookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/**
 * A `lookup` for node:http(s) that holds a host named as loopback to it: `localhost` and `*.localhost` are
 * loopback by name (RFC 6761 §6.3), but the system resolver may still ask DNS for them, and an answer that is
 * not a loopback address would take a probe the user never allowed elsewhere. Any other host resolves as usual
 * (it was named with `--allow-host`, or is an IP literal, which is not looked up).
 */
export function loopbackLookup(base: Lookup = dnsLookup as unknown as Lookup): Lookup {
  return (hostname, options, callback) => {
    if (!isLoopbackHost(hostname)) {
      base(hostname, options, callback);
      return;
    }
    base(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const all = Array.isArray(address) ? address.map((a) => a.address) : [address];
      const stray = all.find((a) => !isLoopbackHost(a));
      if (stray === undefined) return callback(null, address, family);
      const refused: NodeJS.ErrnoException = new Error(
        `${hostname} resolved to ${stray}, not a loopback address: refused`,
      );
      refused.code = 'ERR_PROBE_NOT_LOOPBACK';
      callback(refused, address, family);
    });
  };
}
