export { captureEntry, captureEntryWith } from './capture-entry';
export {
  type CapturedHarEntry,
  captureHar,
  captureHarEntry,
  createHarCapture,
  type HarCapture,
  harPageOrigins,
} from './capture-har';
export {
  captureHarChunks,
  type HarChunksOptions,
  type HarReadResult,
  harCaptureHandlers,
  harReadResult,
} from './capture-har-stream';
export {
  createHarStream,
  type HarStream,
  type HarStreamEnd,
  type HarStreamHandlers,
  type HarStreamOptions,
  parseJsonBytes,
} from './har-stream';
export { opaqueTokensNamedIn } from './opaque-tokens';
export { MAX_BODY_CHARS, MAX_JSON_PARSE } from './scan-body';
export { MAX_WEBSOCKET_MESSAGES, WEBSOCKET_MESSAGE_COUNT } from './scan-websocket';
export { MAX_SIGHTINGS_PER_ENTRY } from './sighting-sink';
export { type PlacedCut, placeCuts, type StringCut } from './string-cut';
export { parseUrlParts, type UrlParts } from './url-parts';
