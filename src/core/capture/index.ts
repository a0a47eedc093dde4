export { captureEntry } from './capture-entry';
export { captureHar } from './capture-har';
export { captureHarChunks, type HarChunksOptions, type HarReadResult } from './capture-har-stream';
export { createHarStream, type HarStream, type HarStreamHandlers, parseJsonBytes } from './har-stream';
export { opaqueTokensNamedIn } from './opaque-tokens';
export { MAX_BODY_CHARS, MAX_JSON_PARSE } from './scan-body';
export { MAX_WEBSOCKET_MESSAGES, WEBSOCKET_MESSAGE_COUNT } from './scan-websocket';
export { MAX_SIGHTINGS_PER_ENTRY } from './sighting-sink';
export { parseUrlParts, type UrlParts } from './url-parts';
