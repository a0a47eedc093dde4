// @ts-check
/**
 * The demo page's "Call the probe endpoints" button (served as /probe.js): fetches a token for each probe
 * endpoint and calls each once with it, so their exchanges are in the capture. Then "Probe this request…"
 * in the panel saves one of them for `jwt-lens probe`, which proves what each endpoint accepts.
 */

/** Endpoint → which of /api/probe-tokens' tokens it verifies. */
const ENDPOINTS = {
  sound: 'rs256',
  'alg-none': 'rs256',
  unverified: 'rs256',
  psychic: 'es256',
  'embedded-jwk': 'rs256',
  'alg-confusion': 'rs256',
  'kid-path': 'kid',
  'clock-tolerance': 'hs256',
  'no-audience': 'hs256',
};

/** Calls every probe endpoint once with its token; resolves to the number of calls that were accepted. */
export async function callProbeEndpoints() {
  // The issuer's key set, so that the capture holds the public key the alg-confusion probe needs.
  await fetch('/.well-known/jwks.json');
  const tokens = await (await fetch('/api/probe-tokens')).json();
  let accepted = 0;
  for (const [name, kind] of Object.entries(ENDPOINTS)) {
    const response = await fetch(`/probe/${name}`, { headers: { Authorization: `Bearer ${tokens[kind]}` } });
    if (response.ok) accepted += 1;
  }
  return accepted;
}
