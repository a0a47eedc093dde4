import { isRecord, stringAt } from '../../core/capture/guards';
import { fingerprintOf } from '../../core/crypto/fingerprint';
import type { TokenSlot } from '../../core/probe';
import type { CaptureResult, Sighting } from '../../core/types';
import { CliError } from '../errors';

/** The places a probe can change: what the client sent, in the request itself. */
const SLOT_PLACES: ReadonlySet<string> = new Set<TokenSlot['where']>([
  'request-header',
  'request-cookie',
  'query',
  'request-body',
]);

/** One token a request carried, where the probe would change it. */
export interface SlotChoice {
  token: string;
  fingerprint: string;
  slot: TokenSlot;
}

/** Picks the entry `--entry` names while the HAR's entries stream past, keeping only what it may return. */
export interface EntryChooser {
  /** Offers entry `index` (file order, from 0); `true` once the choice is final and reading may stop. */
  offer(index: number, entry: unknown): boolean;
  /** The chosen entry after the last one was offered (`count` in all); a `CliError` naming the problem. */
  finish(count: number): { index: number; entry: unknown };
}

/**
 * The entry `--entry` names: an index (counted from 0 in file order) or text its URL contains; for text,
 * the first such entry that carries a token, else the first such entry. Only the entry that may be the
 * answer is kept, so a HAR of any size can be searched as it streams.
 */
export function createEntryChooser(capture: CaptureResult, selector: string): EntryChooser {
  const wanted = /^\d+$/.test(selector) ? Number(selector) : undefined;
  let chosen: { index: number; entry: unknown; final: boolean } | undefined;
  return {
    offer(index, entry) {
      if (chosen?.final) return true;
      if (wanted !== undefined) {
        if (index === wanted) chosen = { index, entry, final: true };
      } else if (urlOf(entry).includes(selector)) {
        const carries = slotsOf(capture, index).length > 0;
        if (carries || chosen === undefined) chosen = { index, entry, final: carries };
      }
      return chosen?.final === true;
    },
    finish(count) {
      if (chosen) return { index: chosen.index, entry: chosen.entry };
      if (wanted !== undefined)
        throw new CliError(`entry ${selector}: no such entry (the HAR has ${count}, counted from 0)`);
      throw new CliError(`entry "${selector}": no entry's URL contains it`);
    },
  };
}

/** The token to probe in entry `index`: the only one it carries, or the one `--token` names. */
export function chooseToken(capture: CaptureResult, index: number, wanted: string | undefined): SlotChoice {
  const choices = slotsOf(capture, index);
  if (choices.length === 0)
    throw new CliError(`entry ${index}: carries no token in a header, cookie, query or body to probe`);
  if (wanted !== undefined) {
    const prefix = wanted.toLowerCase();
    if (!/^[0-9a-f]{4,16}$/.test(prefix))
      throw new CliError(
        `option --token: "${wanted}" is not a fingerprint (4 to 16 hex digits, from its start)`,
      );
    const found = choices.filter((c) => c.fingerprint.startsWith(prefix));
    if (found.length === 1) return found[0] as SlotChoice;
    throw new CliError(`entry ${index}: no token with fingerprint ${wanted} (it carries ${listOf(choices)})`);
  }
  if (choices.length > 1)
    throw new CliError(
      `entry ${index}: carries ${choices.length} tokens (${listOf(choices)}); choose one with --token`,
    );
  return choices[0] as SlotChoice;
}

/** Distinct tokens the entry's request carried, each at the first place it was seen. */
function slotsOf(capture: CaptureResult, index: number): SlotChoice[] {
  const id = String(index);
  const seen = new Map<string, SlotChoice>();
  for (const sighting of capture.sightings) {
    if (sighting.requestId !== id || !isSlot(sighting) || seen.has(sighting.tokenText)) continue;
    const slot: TokenSlot = { where: sighting.where, name: sighting.name };
    seen.set(sighting.tokenText, {
      token: sighting.tokenText,
      fingerprint: fingerprintOf(sighting.tokenText),
      slot,
    });
  }
  return [...seen.values()];
}

/** A JWT (not an opaque token: nothing to tamper with) in a place of the request. */
function isSlot(sighting: Sighting): sighting is Sighting & { where: TokenSlot['where'] } {
  return SLOT_PLACES.has(sighting.where) && sighting.opaque !== true;
}

function listOf(choices: readonly SlotChoice[]): string {
  return choices.map((c) => `${c.fingerprint} in ${c.slot.where} ${c.slot.name}`).join(', ');
}

function urlOf(entry: unknown): string {
  return isRecord(entry) && isRecord(entry.request) ? (stringAt(entry.request, 'url') ?? '') : '';
}
