// Types of the generator functions the TypeScript tests use (the e2e import of a large HAR).
/** Streams a large HAR through `write`: `entries` entries with one Bearer token each and text bodies. */
export function writeLargeHar(write: (text: string) => void, entries: number, bodyBytes: number): number;
