/**
 * The few parts of `oidc-provider` (9.x, which ships no type declarations) the test harness uses.
 * Its configuration object is documented in node_modules/oidc-provider/README.md and docs/README.md
 * upstream (https://github.com/panva/node-oidc-provider/blob/main/docs/README.md).
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    readonly issuer: string;
  }

  /** OAuth error classes; an `InvalidTarget` answers `invalid_target` (RFC 8707 §2). */
  export const errors: { InvalidTarget: new (description?: string) => Error };
}
