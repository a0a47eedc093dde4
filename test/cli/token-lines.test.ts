import { describe, expect, it } from 'vitest';
import { captureTokenLines, readTokenLine } from '../../src/cli/token-lines';
import { createAuditor } from '../../src/core';

// An ID-token-shaped claims set with no jti: OIDC Core §2 makes jti optional there, RFC 9068 §2.2 requires it
// in access tokens. Header {"alg":"HS256","typ":"JWT"}, payload {"iss":"https://op.example","sub":"u1",
// "aud":"client","exp":1900000000,"iat":1899999000}, signature bytes irrelevant.
const TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL29wLmV4YW1wbGUiLCJzdWIiOiJ1MSIsImF1ZCI6ImNsaWVudCIsImV4cCI6MTkwMDAwMDAwMCwiaWF0IjoxODk5OTk5MDAwfQ.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtMzItYnl0ZXMtbG9uZy4u';

function purposeOf(text: string, file = 'tokens.txt'): string | undefined {
  const auditor = createAuditor();
  auditor.add(captureTokenLines(text, file));
  return auditor.result(1_899_999_100).tokens[0]?.purpose;
}

describe('token list lines', () => {
  it('reads a field name given with the token, in form, JSON and header spellings', () => {
    expect(readTokenLine(`id_token=${TOKEN}`)).toEqual({ token: TOKEN, label: 'id_token' });
    expect(readTokenLine(`  "refresh_token": "${TOKEN}",`)).toEqual({ token: TOKEN, label: 'refresh_token' });
    expect(readTokenLine(`logout-token: ${TOKEN}`)).toEqual({ token: TOKEN, label: 'logout_token' });
    expect(readTokenLine(`Authorization: Bearer ${TOKEN}`)).toEqual({ token: TOKEN });
    expect(readTokenLine(TOKEN)).toEqual({ token: TOKEN });
  });

  it('leaves lines alone whose prefix is not a token field name', () => {
    expect(readTokenLine(`note=${TOKEN}`)).toEqual({ token: `note=${TOKEN}` });
    expect(readTokenLine('https://example.com/x')).toEqual({ token: 'https://example.com/x' });
  });

  it('lets the field name decide the purpose, and never the file name', () => {
    expect(purposeOf(`id_token=${TOKEN}`)).toBe('id');
    expect(purposeOf(`access_token=${TOKEN}`)).toBe('access');
    expect(purposeOf(TOKEN)).toBe('unknown');
    // The file's name is where the token came from, not what it is for.
    expect(purposeOf(TOKEN, 'refresh-access-id_token.txt')).toBe('unknown');
  });

  it('applies the purpose profile: no jti-missing on an ID token, jti-missing on an access token', () => {
    const rules = (line: string) => {
      const auditor = createAuditor();
      auditor.add(captureTokenLines(line, 'tokens.txt'));
      return auditor.result(1_899_999_100).findings.map((f) => f.ruleId);
    };
    expect(rules(`id_token=${TOKEN}`)).not.toContain('jti-missing');
    expect(rules(`access_token=${TOKEN}`)).toContain('jti-missing');
  });
});
