/** RFC 7009 revocation endpoints, by the paths providers give them (`/oauth/revoke`, `/revocation`). */
export const REVOCATION_PATH = /revo(?:ke|cation)/i;

/** RFC 7662 introspection endpoints: they also take `token` and `token_type_hint`, but revoke nothing. */
export const INTROSPECTION_PATH = /introspect/i;
