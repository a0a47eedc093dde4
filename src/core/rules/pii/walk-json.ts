/** One primitive value in a JSON tree, with where it sits. */
export interface JsonLeaf {
  /** Display path: `address.street_address`, `groups[2]`, `["https://x/claims"].email`. */
  path: string;
  /** The nearest object key above the value (array indices skipped): what the value is called. */
  key: string;
  value: string | number | boolean | null;
}

/** One object member anywhere in the tree, for claim-name checks. */
export interface JsonMember {
  path: string;
  key: string;
  value: unknown;
}

/** Enough for any real token; a crafted one cannot make a walk cost more than this. */
const MAX_NODES = 20_000;
const MAX_DEPTH = 64;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Path of `key` under `parent`, dotted when the key is an identifier, quoted otherwise. */
export function childPath(parent: string, key: string): string {
  if (IDENTIFIER.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

interface Walk {
  leaves: JsonLeaf[];
  members: JsonMember[];
}

const cache = new WeakMap<object, Walk>();

function visit(value: unknown, path: string, key: string, depth: number, out: Walk): void {
  if (out.leaves.length + out.members.length >= MAX_NODES || depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && out.leaves.length + out.members.length < MAX_NODES; i++) {
      visit(value[i], `${path}[${i}]`, key, depth + 1, out);
    }
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (out.leaves.length + out.members.length >= MAX_NODES) return;
      const p = childPath(path, k);
      out.members.push({ path: p, key: k, value: v });
      visit(v, p, k, depth + 1, out);
    }
    return;
  }
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null
  ) {
    out.leaves.push({ path, key, value });
  }
}

/**
 * Every object member and primitive leaf of a JSON object, depth-first, bounded in size and depth.
 * Memoised per object: the PII, secret and authorization rules all walk the same claims.
 */
export function walkJson(root: object): Walk {
  let walk = cache.get(root);
  if (!walk) {
    walk = { leaves: [], members: [] };
    visit(root, '', '', 0, walk);
    cache.set(root, walk);
  }
  return walk;
}
