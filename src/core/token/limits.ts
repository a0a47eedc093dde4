/** Tokens longer than this (UTF-8 bytes) are reported, not decoded: no real JWT comes near it. */
export const MAX_TOKEN_BYTES = 65536;

/** JSON nesting deeper than this is reported, and not copied further: claim walkers must not overflow. */
export const MAX_JSON_DEPTH = 64;

/** Nested JWTs (`cty: JWT`) are unwrapped at most this many levels deep. */
export const MAX_NESTED_TOKENS = 4;
