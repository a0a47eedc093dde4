import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditCapture, captureHar, RULE_CATALOG } from '../../../src/core';

/**
 * Catalog texts and finding details are shown as they are by every host: in the panel (plain text), in
 * JSON and SARIF, and escaped in Markdown. So they carry no Markdown syntax of their own, and they do not
 * tell the reader to pass a CLI flag (the panel has none; a host adds its own hint where it has one).
 */
const MARKDOWN = /`|\*\*|^#/m;
const CLI_FLAG = /(^|[\s(])--[a-z][a-z-]+/;

const ROOT = join(import.meta.dirname, '../../..');

describe('texts every host shows', () => {
  it('catalog titles and explanations are plain text without CLI flags', () => {
    const offending = RULE_CATALOG.flatMap((info) =>
      [info.title, info.why].filter((text) => MARKDOWN.test(text) || CLI_FLAG.test(text)).map(() => info.id),
    );
    expect(offending).toEqual([]);
  });

  it('finding details and capture problems of a rich capture are plain text without CLI flags', () => {
    const capture = captureHar(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/demo.har'), 'utf8')));
    if ('error' in capture) throw new Error(capture.error);
    const result = auditCapture([capture], { now: Date.parse('2025-03-14T09:30:00Z') / 1000 });
    expect(result.findings.length).toBeGreaterThan(20);
    const texts = [...result.findings.map((f) => f.detail), ...capture.problems];
    expect(texts.filter((text) => CLI_FLAG.test(text) || /`|\*\*/.test(text))).toEqual([]);
  });

  it('the checks catch what they are meant to', () => {
    expect(CLI_FLAG.test('or pass the key with --jwks to check it')).toBe(true);
    expect(MARKDOWN.test('the `kid` names')).toBe(true);
    expect(CLI_FLAG.test('a range 1--2 or an em—dash')).toBe(false);
  });
});
