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

function vector(items: number[][]): number[] {
  const out: number[] = [];
  pushUleb(out, items.length);
  for (const item of items) out.push(...item);
  return out;
}

function name(text: string): number[] {
  const out: number[] = [];
  pushUleb(out, text.length);
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i));
  return out;
}

function section(id: number, payload: number[]): number[] {
  const out = [id];
  pushUleb(out, payload.length);
  return out.concat(payload);
}

function body(fn: WasmFunction): number[] {
  const inner = vector(fn.locals.map(([count, type]) => [...uleb(count), type]));
  inner.push(...fn.code.bytes, 0x0b);
  return [...uleb(inner.length), ...inner];
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
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(SECTION_TYPE, vector(types)),
    ...section(SECTION_IMPORT, vector([memoryImport])),
    ...section(SECTION_FUNCTION, vector(functions.map((_, index) => uleb(index)))),
    ...section(SECTION_EXPORT, vector(exports)),
    ...section(SECTION_CODE, vector(functions.map(body))),
  ];
  return new Uint8Array(bytes);
}
