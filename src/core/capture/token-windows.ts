import { findTokens } from '../token/find-tokens';
import { MAX_TOKEN_BYTES } from '../token/limits';
import { MAX_SIGHTINGS_PER_ENTRY } from './sighting-sink';

/**
 * Text kept from one window for the next: a token that may go on past a window's end is looked for
 * again with the next window, so a token across an edge is found whole, and found once.
 */
const CARRY = MAX_TOKEN_BYTES;

/** Finds the tokens of a text that arrives in pieces (a body too large to keep), in order. */
export interface TokenWindows {
  push(text: string): void;
  /** The text has ended: every token found (at most `MAX_SIGHTINGS_PER_ENTRY`). */
  end(): string[];
}

export function createTokenWindows(): TokenWindows {
  const tokens: string[] = [];
  let carry = '';
  const add = (text: string) => {
    if (tokens.length < MAX_SIGHTINGS_PER_ENTRY) tokens.push(text);
  };
  return {
    push(text) {
      const searched = carry + text;
      let keepFrom = Math.max(0, searched.length - CARRY);
      for (const found of findTokens(searched)) {
        const end = found.index + found.text.length;
        if (end >= searched.length) {
          keepFrom = Math.min(keepFrom, found.index);
          break;
        }
        add(found.text);
        keepFrom = Math.max(keepFrom, end);
      }
      carry = searched.slice(keepFrom);
    },
    end() {
      for (const found of findTokens(carry)) add(found.text);
      carry = '';
      return tokens;
    },
  };
}
