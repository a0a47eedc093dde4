import type { TokenKind } from '../../core/types';

/** Kinds other than a signed JWT (the usual case, left unlabelled), as the list names them. */
const LABEL: Partial<Record<TokenKind, string>> = {
  opaque: 'opaque',
  jwe: 'JWE',
  unsecured: 'unsecured',
  malformed: 'malformed',
};

const TITLE: Partial<Record<TokenKind, string>> = {
  opaque: 'Opaque token: not a JWT, so it has no header or claims to read',
  jwe: 'Encrypted JWT (JWE): its claims cannot be read',
  unsecured: 'Unsecured JWT (alg: none): no signature',
  malformed: 'Malformed JWT: it could not be parsed completely',
};

/** A small label naming the token's kind, so an opaque or encrypted token is recognisable in the list. */
export function KindLabel({ kind }: { kind: TokenKind }) {
  const label = LABEL[kind];
  if (!label) return null;
  return (
    <span class={`kind-label kind-${kind}`} data-testid="token-kind" title={TITLE[kind]}>
      {label}
    </span>
  );
}
