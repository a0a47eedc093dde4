import { describe, expect, it } from 'vitest';
import {
  createCaptureInputs,
  fileInputName,
  liveInputName,
  MAX_INPUT_NAMES,
} from '../../../src/panel/models/capture-inputs';
import { accessClaims, makeEntry, makeToken } from '../fixtures';
import { createTestModel } from '../harness';

describe('capture inputs', () => {
  it('names a HAR by its file name (as the CLI run in its folder), on one line', () => {
    expect(fileInputName('demo.har')).toBe('demo.har');
    expect(fileInputName('a\nb.har')).toBe('a b.har');
    expect(fileInputName(undefined)).toBe('imported HAR');
    expect(fileInputName('  ')).toBe('imported HAR');
  });

  it('names live capture by the inspected page’s origin', () => {
    expect(liveInputName('https://app.example.test')).toBe('live capture of https://app.example.test');
    expect(liveInputName(undefined)).toBe('live capture');
  });

  it('keeps each name once, in first-seen order, and at most MAX_INPUT_NAMES', () => {
    const inputs = createCaptureInputs();
    for (let i = 0; i < MAX_INPUT_NAMES + 10; i++) inputs.note(`f${i % (MAX_INPUT_NAMES + 5)}.har`);
    inputs.note('f0.har');
    expect(inputs.list()).toHaveLength(MAX_INPUT_NAMES);
    expect(inputs.list()[0]).toBe('f0.har');
    inputs.reset();
    expect(inputs.list()).toEqual([]);
  });

  it('counts live capture only once it brought a token', async () => {
    const { source, model, frame } = await createTestModel();
    source.emit(makeEntry({ url: 'https://app.example.test/plain' }), 'r0');
    frame();
    expect(model.inputs()).toEqual([]);
    source.emit(makeEntry({ bearer: makeToken(accessClaims('alice')) }), 'r1');
    frame();
    expect(model.inputs()).toEqual(['live capture of https://app.example.test']);
  });
});
