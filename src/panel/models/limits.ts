/**
 * Bounds that keep the panel's memory flat however long DevTools stays open (DESIGN.md "Capture").
 * The oldest data is evicted first and every eviction is counted in the visible "dropped" counter.
 */

/** Distinct tokens kept. The issue asks for a list of 10,000 tokens to stay smooth, so that is the cap. */
export const MAX_TOKENS = 10_000;

/** Sightings kept per token (a ring: the oldest go first). A token sent on every request stays bounded. */
export const MAX_SIGHTINGS = 20;

/** Non-token observations (basic auth, passwords in URLs…) kept. */
export const MAX_OBSERVATIONS = 500;

/** Exchange facts kept for the token lifecycle (uses, token responses, logouts…); the oldest go first. */
export const MAX_EXCHANGES = 5000;

/** Distinct key sets and discovery documents kept for signature checks (the oldest go first). */
export const MAX_KEY_DOCUMENTS = 50;

/** Entries waiting for the next frame; beyond this a burst is dropped (and counted) rather than queued. */
export const MAX_PENDING_ENTRIES = 20_000;

/** Capture problem lines kept for display (most recent). */
export const MAX_PROBLEMS = 200;

/** Time one frame may spend turning entries into sightings before yielding to the browser, ms. */
export const FRAME_BUDGET_MS = 10;

/**
 * During a burst the result (and the counters) is republished at most this often, ms: a list that
 * refreshes two or three times a second keeps up with a burst, and each refresh re-renders it (250
 * rather than 400 cost ~15% more panel time per request in `bench/panel.mjs`).
 */
export const MIN_PUBLISH_INTERVAL_MS = 400;

/**
 * …and only after this many times its own cost has passed: the audit of 10,000 tokens takes a good
 * fraction of a second, and recomputing it every frame would spend the burst re-rendering instead of
 * capturing. Publishing stays under ~1/(1+factor) of the time: under steady traffic it is a share of
 * wall time, not of requests, so at ~100 requests a second each publish weighs on every request
 * (`bench/panel.mjs`: 10 rather than 4 took a third off the median cost per request). With drafts (below)
 * a publish costs a few tens of ms at 10,000 tokens, so with 25 the list refreshes every second or two
 * there during a sustained burst, and two or three times a second on smaller captures
 * (MIN_PUBLISH_INTERVAL_MS).
 */
export const PUBLISH_COST_FACTOR = 25;

/**
 * During traffic most publishes are drafts (`Auditor.draft`: tokens and their own findings up to date,
 * capture-wide findings and the lifecycle as of the last exact result). An exact one is made at most this
 * often, ms…
 */
export const FULL_PUBLISH_MIN_INTERVAL_MS = 2000;

/**
 * …and only after this many times its own cost: rebuilding the capture-wide rules and the lifecycle of
 * 10,000 tokens is most of a result's cost (~100 ms in the panel), and redoing it a few times a second
 * was most of the panel's time per request during a burst (`bench/panel.mjs`); at 10,000 tokens an exact
 * result then comes every ~10 s of a burst that never pauses, and 300 ms after it does.
 */
export const FULL_PUBLISH_COST_FACTOR = 100;

/** Once capture has been quiet this long, ms, a draft on screen is replaced by the exact result. */
export const SETTLE_MS = 300;

/** Storage values longer than this are not scanned (a page can keep megabytes in localStorage). */
export const MAX_STORAGE_VALUE_CHARS = 256 * 1024;

/** Findings listed under one control in the Compliance view; the rest are counted ("and N more"). */
export const MAX_CONTROL_FINDINGS = 100;
