/**
 * Public keys of example key pairs whose PRIVATE halves are published: in standards (as test vectors) and in
 * the jwt.io debugger. A token that verifies with one of them can have been minted by anyone.
 *
 * Every value was copied from the cited source and checked by verifying that source's own example signature
 * with it (test/core/keys/published-keys.test.ts repeats those checks).
 */
import type { PublicJwk } from './types';

export interface PublishedKey {
  /** Short name shown in findings. */
  label: string;
  /** Where the key pair is printed. */
  reference: string;
  jwk: PublicJwk;
  kid?: string;
}

/**
 * jwt.io's debugger offers a default key for every algorithm it signs with. Checked against the site's
 * source, github.com/jsonwebtoken/jsonwebtoken.github.io, `src/features/common/values/default-tokens.values.ts`
 * at commit d88e9709c6f463413280a7f39114523a313bdb35 (the file last changed in 10ef6ac7ef63bec6117d59b7e0bcdb3860f2dda0):
 * one 2048-bit RSA key for RS256–RS512 and PS256–PS512, P-256/P-384/P-521 keys for ES256/ES384/ES512, an
 * Ed25519 key for `Ed25519` (and so `EdDSA`), and HMAC secrets (src/core/secrets/published-secrets.ts). The
 * 1024-bit RSA key is the default of the former site, `src/editor/default-tokens.js`. Only the public halves
 * are kept here; each one verifies the default token the site shows for its algorithm (tested).
 */
const JWT_IO =
  'jwt.io debugger defaults (github.com/jsonwebtoken/jsonwebtoken.github.io, src/features/common/values/default-tokens.values.ts)';

export const PUBLISHED_KEYS: readonly PublishedKey[] = [
  {
    label: 'RFC 7515 Appendix A.2 example RSA key',
    reference: 'RFC 7515 Appendix A.2.1',
    jwk: {
      kty: 'RSA',
      n: [
        'ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZ',
        'S-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2',
        'R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcD',
        'TW9gb54h4FRWyuXpoQ',
      ].join(''),
      e: 'AQAB',
    },
  },
  {
    label: 'RFC 7515 Appendix A.3 example P-256 key',
    reference: 'RFC 7515 Appendix A.3.1',
    jwk: {
      kty: 'EC',
      crv: 'P-256',
      x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
      y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
    },
  },
  {
    label: 'RFC 7515 Appendix A.4 example P-521 key',
    reference: 'RFC 7515 Appendix A.4.1',
    jwk: {
      kty: 'EC',
      crv: 'P-521',
      x: 'AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk',
      y: 'ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2',
    },
  },
  {
    label: 'RFC 7520 §3.1 example P-521 key',
    reference: 'RFC 7520 §3.1–3.2',
    kid: 'bilbo.baggins@hobbiton.example',
    jwk: {
      kty: 'EC',
      crv: 'P-521',
      x: 'AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt',
      y: 'AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1',
    },
  },
  {
    label: 'RFC 7520 §3.3 example RSA key',
    reference: 'RFC 7520 §3.3–3.4',
    kid: 'bilbo.baggins@hobbiton.example',
    jwk: {
      kty: 'RSA',
      n: [
        'n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2w',
        'qVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bT',
        'wJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5',
        'iaiQkqgc5gHdrNP5zw',
      ].join(''),
      e: 'AQAB',
    },
  },
  {
    // The signing key of RFC 7520 §6 (Nesting Signatures and Encryption), printed with its private members
    // in Figure 224; it signs the PS256 JWS of §6.3 (tested).
    label: 'RFC 7520 §6 example RSA key',
    reference: 'RFC 7520 §6 (Figure 224)',
    kid: 'hobbiton.example',
    jwk: {
      kty: 'RSA',
      n: [
        'kNrPIBDXMU6fcyv5i-QHQAQ-K8gsC3HJb7FYhYaw8hXbNJa-t8q0lDKwLZgQXYV-ffWxXJv5GGrlZE4GU52lfMEegTDzYTrRQ3tepgKFjMGg',
        '6Iy6fkl1ZNsx2gEonsnlShfzA9GJwRTmtKPbk1s-hwx1IU5AT-AIelNqBgcF2vE5W25_SGGBoaROVdUYxqETDggM1z5cKV4ZjDZ8-lh4oVB0',
        '7bkac6LQdHpJUUySH_Er20DXx30Kyi97PciXKTS-QKXnmm8ivyRCmux22ZoPUind2BKC5OiG4MwALhaL2Z2k8CsRdfy-7dg7z41Rp6D0ZeEv',
        'taUp4bX4aKraL4rTfw',
      ].join(''),
      e: 'AQAB',
    },
  },
  {
    label: 'RFC 8037 Appendix A example Ed25519 key',
    reference: 'RFC 8037 Appendix A.1–A.2',
    jwk: { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
  },
  {
    label: 'OpenID Connect Core Appendix A.7 example RSA key',
    reference: 'OpenID Connect Core 1.0 Appendix A.7',
    kid: '1e9gdk7',
    jwk: {
      kty: 'RSA',
      n: [
        'w7Zdfmece8iaB0kiTY8pCtiBtzbptJmP28nSWwtdjRu0f2GFpajvWE4VhfJAjEsOcwYzay7XGN0b-X84BfC8hmCTOj2b2eHT7NsZegFPKRUQ',
        'zJ9wW8ipn_aDJWMGDuB1XyqT1E7DYqjUCEOD1b4FLpy_xPn6oV_TYOfQ9fZdbE5HGxJUzekuGcOKqOQ8M7wfYHhHHLxGpQVgL0apWuP2gDDO',
        'dTtpuld4D2LK1MZK99s9gaSjRHE8JDb1Z4IGhEcEyzkxswVdPndUWzfvWBBWXWxtSUvQGBRkuy1BHOa4sP6FKjWEeeF7gm7UMs2Nm2QUgNZw',
        '6xvEDGaLk4KASdIxRQ',
      ].join(''),
      e: 'AQAB',
    },
  },
  {
    label: 'jwt.io debugger default RSA key (2048-bit, RS*/PS*)',
    reference: JWT_IO,
    jwk: {
      kty: 'RSA',
      n: [
        'u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0_IzW7yWR7QkrmBL7jTKEn5u-qKhbwKfBstIs-bMY2Zkp18g',
        'nTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW_VDL5AaWTg0nLVkjRo9z-40RQzuVaE8AkAFmxZzow3x-VJYKdjykkJ0iT9',
        'wCS0DRTXu269V264Vf_3jvredZiKRkgwlL9xNAwxXFg0x_XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC-9aGVd-Gyn1o0CLelf4rEjGoXbAAEg',
        'AqeGUxrcIlbjXfbcmw',
      ].join(''),
      e: 'AQAB',
    },
  },
  {
    label: 'jwt.io debugger former default RSA key (1024-bit)',
    reference: JWT_IO,
    jwk: {
      kty: 'RSA',
      n: [
        '3ZWrUY0Y6IKN1qI4BhxR2C7oHVFgGPYkd38uGq1jQNSqEvJFcN93CYm16_G78FAFKWqwsJb3Wx-nbxDn6LtP4AhULB1H0K0g7_jLklDAHvI8',
        'yhOKlvoyvsUFPWtNxlJyh5JJXvkNKV_4Oo12e69f8QCuQ6NpEPl-cSvXIqUYBCs',
      ].join(''),
      e: 'AQAB',
    },
  },
  {
    label: 'jwt.io debugger default P-256 key (ES256)',
    reference: JWT_IO,
    jwk: {
      kty: 'EC',
      crv: 'P-256',
      x: 'EVs_o5-uQbTjL3chynL4wXgUg2R9q9UU8I5mEovUf84',
      y: 'kGe5DgSIycKp8w9aJmoHhB1sB3QTugfnRWm5nU_TzsY',
    },
  },
  {
    label: 'jwt.io debugger default P-384 key (ES384)',
    reference: JWT_IO,
    jwk: {
      kty: 'EC',
      crv: 'P-384',
      x: 'C1uWSXj2czCDwMTLWV5BFmwxdM6PX9p-Pk9Yf9rIf374m5XP1U8q79dBhLSIuaoj',
      y: 'svOT39UUcPJROSD1FqYLued0rXiooIii1D3jaW6pmGVJFhodzC31cy5sfOYotrzF',
    },
  },
  {
    label: 'jwt.io debugger default P-521 key (ES512)',
    reference: JWT_IO,
    jwk: {
      kty: 'EC',
      crv: 'P-521',
      x: 'AYHOB2c_v3wWwu5ZhMMNADtzSvcFWTw2dFRJ7GlBSxGKU82_dJyE7SVHD1G7zrHWSGdUPH526rgGIMVy-VIBzKMs',
      y: 'AIm-O-jJMsmID5NAV2at5quMyJk0TbmlPbJY_U1Sd0nE9y9W18FbjyQ86a-RjhaWo_lsDAJfBuwqsKCTrFuynXZ7',
    },
  },
  {
    label: 'jwt.io debugger default Ed25519 key (Ed25519, EdDSA)',
    reference: JWT_IO,
    jwk: { kty: 'OKP', crv: 'Ed25519', x: 'wmK6SSAu2E9V7uynkCKEaj5nZJyTvNG4x0KohsRzLpg' },
  },
];
