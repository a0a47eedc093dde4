const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** True for an IPv6 address; the WHATWG URL parser implements the RFC 4291 text forms exactly. */
function isIpv6(text: string): boolean {
  if (!text.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(text)) return false;
  return URL.canParse(`http://[${text}]/`);
}

/** `IPv4` or `IPv6` when the whole of `text` is an IP address, else `undefined`. */
export function checkIpAddress(text: string): 'IPv4' | 'IPv6' | undefined {
  if (IPV4.test(text)) return 'IPv4';
  return isIpv6(text) ? 'IPv6' : undefined;
}
