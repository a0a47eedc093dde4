/** Calls every probe endpoint of the demo app once with its token; resolves to how many accepted it. */
export function callProbeEndpoints(): Promise<number>;
