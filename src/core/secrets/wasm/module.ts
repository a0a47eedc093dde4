import { type Code, pushUleb } from './emitter';

/** One generated function: its signature, extra locals (grouped by type) and body. */
export interface WasmFunction {
  params: number[];
  results: number[];
  /** `[count, valueType]` groups, declared after the parameters. */
  locals: [number, number][];
  code: Code;
  /** Exported under this name when set. */
  exportName?: string;
}

const SECTION_TYPE = 1;
const SECTION_IMPORT = 2;
const SECTION_FUNCTION = 3;
const SECTION_EXPORT = 7;
const SECTION_CODE = 10;

/** Appends `bytes` with a loop: spreading 10,000-element bodies into `push` is slow and can overflow the stack. */
function append(out: number[], bytes: readonly number[]): void {
  for (let i = 0; i < bytes.length; i++) out.push(bytes[i]!);
}

function vector(items: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  pushUleb(out, items.length);
  for (const item of items) append(out, item);
  return out;
}

function name(text: string): number[] {
  const out: number[] = [];
  pushUleb(out, text.length);
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i));
  return out;
}

function section(out: number[], id: number, payload: readonly number[]): void {
  out.push(id);
  pushUleb(out, payload.length);
  append(out, payload);
}

/** A function body: size, locals, code, `end`. The code is copied with one `set` (it is most of the module). */
function body(fn: WasmFunction): Uint8Array {
  const code = fn.code.toBytes();
  const head = vector(fn.locals.map(([count, type]) => [...uleb(count), type]));
  const size = uleb(head.length + code.length + 1);
  const out = new Uint8Array(size.length + head.length + code.length + 1);
  out.set(size);
  out.set(head, size.length);
  out.set(code, size.length + head.length);
  out[out.length - 1] = 0x0b;
  return out;
}

function uleb(value: number): number[] {
  const out: number[] = [];
  pushUleb(out, value);
  return out;
}

/**
 * Assembles a module that imports one memory as `env.memory` (at least `minPages` 64 KiB pages) and
 * defines `functions` in order (function index = array index; each gets its own type entry).
 */
export function assembleModule(functions: WasmFunction[], minPages: number): Uint8Array<ArrayBuffer> {
  const types = functions.map((fn) => [
    0x60,
    ...vector(fn.params.map((p) => [p])),
    ...vector(fn.results.map((r) => [r])),
  ]);
  const memoryImport = [...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(minPages)];
  const exports: number[][] = [];
  functions.forEach((fn, index) => {
    if (fn.exportName) exports.push([...name(fn.exportName), 0x00, ...uleb(index)]);
  });
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  section(out, SECTION_TYPE, vector(types));
  section(out, SECTION_IMPORT, vector([memoryImport]));
  section(out, SECTION_FUNCTION, vector(functions.map((_, index) => uleb(index))));
  section(out, SECTION_EXPORT, vector(exports));
  const bodies = functions.map(body);
  const count = uleb(bodies.length);
  const codeSize = bodies.reduce((n, b) => n + b.length, count.length);
  out.push(SECTION_CODE);
  pushUleb(out, codeSize);
  append(out, count);
  const module = new Uint8Array(out.length + codeSize - count.length);
  module.set(out);
  let at = out.length;
  for (const b of bodies) {
    module.set(b, at);
    at += b.length;
  }
  return module;
}
