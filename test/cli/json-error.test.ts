import { describe, expect, it } from 'vitest';
import { describeJsonError } from '../../src/core/capture/json-error';

function why(text: string): string {
  try {
    JSON.parse(text);
    return 'valid';
  } catch (error) {
    return describeJsonError(text, (error as Error).message);
  }
}

describe('describeJsonError', () => {
  it.each([
    ['', 'empty file, expected JSON'],
    ['   ', 'not valid JSON: unexpected end of input at byte 3 (file truncated?)'],
    ['{"log": {"entries": [', 'not valid JSON: unexpected end of input at byte 21 (file truncated?)'],
    ['{"a": "unterminated', 'not valid JSON: unexpected end of input at byte 19 (file truncated?)'],
    ['{"a": 1', 'not valid JSON: unexpected end of input at byte 7 (file truncated?)'],
    ['{"a"', 'not valid JSON: unexpected end of input at byte 4 (file truncated?)'],
    ['HTTP/1.1 200', "not valid JSON: unexpected 'H' at line 1, column 1 (byte 0)"],
    [
      '{"a": 1,}',
      "not valid JSON: expected a property name in double quotes but found '}' at line 1, column 9 (byte 8)",
    ],
    [
      '{\n  "a": [1 2]\n}',
      "not valid JSON: expected ',' or ']' but found '2' at line 2, column 11 (byte 12)",
    ],
    ['{"a": 1}}', "not valid JSON: unexpected '}' after the JSON value at line 1, column 9 (byte 8)"],
    ['{"a" 1}', "not valid JSON: expected ':' but found '1' at line 1, column 6 (byte 5)"],
    ['{"a": "x\ty"}', 'not valid JSON: control character inside a string at line 1, column 9 (byte 8)'],
    ['{"a": "\\x"}', 'not valid JSON: bad escape sequence in a string at line 1, column 8 (byte 7)'],
    ['{"ü": tru}', "not valid JSON: unexpected 't' at line 1, column 7 (byte 7)"],
    [
      '[{}, [], {"a": [{"b": null}]}, -1.5e3, "\\u00e9"] x',
      "not valid JSON: unexpected 'x' after the JSON value at line 1, column 50 (byte 49)",
    ],
  ])('%j → %s', (text, expected) => {
    expect(why(text)).toBe(expected);
  });

  it('agrees with JSON.parse on valid input', () => {
    expect(why('{"a": [1, {"b": "c\\n"}], "d": {}}')).toBe('valid');
  });
});
