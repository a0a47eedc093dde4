import type { ParsedToken } from '../types';

/**
 * The layer whose claims a verifier acts on: the token itself, or for a nested JWT (`cty: JWT`) the first
 * inner layer that has claims (RFC 7519 §5.2). The token itself when no layer has any. Bounded: parsing
 * unwraps at most `MAX_NESTED_TOKENS` layers.
 */
export function claimsLayer(token: ParsedToken): ParsedToken {
  let layer = token;
  while (!layer.claims && layer.nested) layer = layer.nested;
  return layer;
}

/**
 * The layers of a token: itself (level 0), then each inner token of a nested JWT (level 1, 2…). Bounded:
 * parsing unwraps at most `MAX_NESTED_TOKENS` layers.
 */
export function tokenLayers(token: ParsedToken): { token: ParsedToken; level: number }[] {
  const out: { token: ParsedToken; level: number }[] = [];
  for (let layer: ParsedToken | undefined = token; layer; layer = layer.nested)
    out.push({ token: layer, level: out.length });
  return out;
}
