import { describe, expect, it } from 'vitest';
import { createTokenWindows } from '../../../src/core/capture/token-windows';
import { fakeJwt } from './har-builders';

describe('createTokenWindows', () => {
  const a = fakeJwt({ sub: 'a' });
  const b = fakeJwt({ sub: 'b' });
  const text = `x ${a} y "${b}" z`;

  it('finds each token once, wherever the text is split', () => {
    for (let cut = 0; cut <= text.length; cut++) {
      const windows = createTokenWindows();
      windows.push(text.slice(0, cut));
      windows.push(text.slice(cut));
      expect(windows.end()).toEqual([a, b]);
    }
  });

  it('finds tokens across many small pieces, and none in text without any', () => {
    const windows = createTokenWindows();
    for (let at = 0; at < text.length; at += 7) windows.push(text.slice(at, at + 7));
    expect(windows.end()).toEqual([a, b]);
    const none = createTokenWindows();
    none.push('eyJ not a token eyJhbGciOiJIUzI1NiJ9');
    expect(none.end()).toEqual([]);
  });
});
