/** A running demo app. */
export interface DemoServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  /** Requests the server has answered so far. */
  requestCount(): number;
  close(): Promise<void>;
}

/** Starts the deliberately insecure demo app on 127.0.0.1; `port: 0` picks a free port. */
export function startDemoServer(options?: { port?: number }): Promise<DemoServer>;
