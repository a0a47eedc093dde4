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

/** Paths of top-level keys, which repeat in every token of a capture (bounded: keys are untrusted). */
const TOP_PATHS = new Map<string, string>();

/** Path of `key` under `parent`, dotted when the key is an identifier, quoted otherwise. */
export function childPath(parent: string, key: string): string {
  if (parent === '') {
    let path = TOP_PATHS.get(key);
    if (path === undefined) {
      path = IDENTIFIER.test(key) ? key : `[${JSON.stringify(key)}]`;
      if (TOP_PATHS.size >= 4096) TOP_PATHS.clear();
      TOP_PATHS.set(key, path);
    }
    return path;
  }
  if (IDENTIFIER.test(key)) return `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/**
 * One segment of a display path: `.name`, a leading `name`, `["quoted name"]` or `[3]`. Names may hold
 * `*`, which no walked path has unquoted, so patterns over paths (`vendor-claims`) read the same way.
 */
const SEGMENT = /\.?([A-Za-z_$*][\w$*]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;

/**
 * The member names of a display path, the inverse of `childPath`, array positions dropped:
 * `["kubernetes.io"].pod.name` → `kubernetes.io`, `pod`, `name`. `undefined` for a path it cannot read.
 */
export function pathNames(path: string): string[] | undefined {
  const names: string[] = [];
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < path.length) {
    const m = SEGMENT.exec(path);
    if (!m) return undefined;
    if (m[1] !== undefined) names.push(m[1]);
    else if (m[3] !== undefined) names.push(JSON.parse(m[3]) as string);
  }
  return names;
}

interface Walk {
  leaves: JsonLeaf[];
  members: JsonMember[];
}

/**
 * The last few walks. Rules run token by token, and every PII, secret and authorization rule of a token
 * walks the same claims (and header) back to back: a few slots catch all of that reuse, while letting a
 * walk die young with its token's rule pass. A WeakMap kept every walk alive as long as its claims, and
 * the garbage collector then copied 100,000 walks around a large audit.
 */
const RECENT = 4;
const recentRoots: (object | undefined)[] = new Array(RECENT).fill(undefined);
const recentWalks: (Walk | undefined)[] = new Array(RECENT).fill(undefined);
/** Slot the next walk goes to: a ring, so remembering a walk moves nothing. */
let nextSlot = 0;

function isPrimitiveLeaf(value: unknown): value is JsonLeaf['value'] {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || value === null;
}

function visitMembers(value: object, path: string, depth: number, out: Walk): void {
  const object = value as Record<string, unknown>;
  for (const k of Object.keys(object)) {
    if (out.leaves.length + out.members.length >= MAX_NODES) return;
    const v = object[k];
    const p = childPath(path, k);
    if (isPrimitiveLeaf(v)) {
      // A primitive member is also a leaf with the same path, key and value: one object serves as both
      // (claims are mostly flat, so this halves what a walk allocates). Same bounds as `visit`.
      const node: JsonLeaf = { path: p, key: k, value: v };
      out.members.push(node);
      if (out.leaves.length + out.members.length < MAX_NODES && depth + 1 <= MAX_DEPTH) out.leaves.push(node);
      continue;
    }
    out.members.push({ path: p, key: k, value: v });
    visit(v, p, k, depth + 1, out);
  }
}

function visit(value: unknown, path: string, key: string, depth: number, out: Walk): void {
  if (out.leaves.length + out.members.length >= MAX_NODES || depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && out.leaves.length + out.members.length < MAX_NODES; i++) {
      visit(value[i], `${path}[${i}]`, key, depth + 1, out);
    }
    return;
  }
  if (typeof value === 'object' && value !== null) {
    visitMembers(value, path, depth, out);
    return;
  }
  if (isPrimitiveLeaf(value)) out.leaves.push({ path, key, value });
}

/**
 * Every object member and primitive leaf of a JSON object, depth-first, bounded in size and depth.
 * Memoised for the last few roots: the PII, secret and authorization rules all walk the same claims.
 */
export function walkJson(root: object): Walk {
  for (let i = 0; i < RECENT; i++) if (recentRoots[i] === root) return recentWalks[i] as Walk;
  const walk: Walk = { leaves: [], members: [] };
  visit(root, '', '', 0, walk);
  recentRoots[nextSlot] = root;
  recentWalks[nextSlot] = walk;
  nextSlot = (nextSlot + 1) % RECENT;
  return walk;
}
