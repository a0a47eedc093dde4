import { calculateJwkThumbprint, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadPublishedKeys, PUBLISHED_KEYS, verifyTokens } from '../../../src/core/keys';
import { importAlgFor } from '../../../src/core/keys/known-key';
import { publishedKeys } from '../../../src/core/keys/load-published';
import { createVerifier, type Verifier } from '../../../src/core/keys/verify-jws';
import { ISSUER, jwksDocument, keyPair, recordOf, signToken } from './helpers';

/**
 * The example signatures printed next to each published key pair. Verifying them with the embedded public keys
 * proves every base64url character of those keys was copied right.
 */
const JWT_IO_CLAIMS =
  'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0';
const RFC7515_CLAIMS =
  'eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ';
const FRODO =
  'SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4';

const VECTORS: { label: string; token: string }[] = [
  {
    label: 'RFC 7515 Appendix A.2 example RSA key',
    token: `eyJhbGciOiJSUzI1NiJ9.${RFC7515_CLAIMS}.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw`,
  },
  {
    label: 'RFC 7515 Appendix A.3 example P-256 key',
    token: `eyJhbGciOiJFUzI1NiJ9.${RFC7515_CLAIMS}.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q`,
  },
  {
    label: 'RFC 7515 Appendix A.4 example P-521 key',
    token:
      'eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZqwqT2SI-KGDKB34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn',
  },
  {
    label: 'RFC 7520 §3.3 example RSA key',
    token: `eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9.${FRODO}.MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84wnB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8wW1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_fcIe8u9ipH84ogoree7vjbU5y18kDquDg`,
  },
  {
    label: 'RFC 7520 §3.1 example P-521 key',
    token: `eyJhbGciOiJFUzUxMiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9.${FRODO}.AE_R_YZCChjn4791jSQCrdPZCNYqHXCTZH0-JZGYNlaAjP2kqaluUIIUnC9qvbu9Plon7KRTzoNEuT4Va2cmL1eJAQy3mtPBu_u_sDDyYjnAMDxXPn7XrT0lw-kvAD890jl8e2puQens_IEKBpHABlsbEPX6sFY8OcGDqoRuBomu9xQ2`,
  },
  {
    // RFC 7520 §6.3: the nested JWT's inner PS256 JWS.
    label: 'RFC 7520 §6 example RSA key',
    token:
      'eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJob2JiaXRvbi5leGFtcGxlIiwiZXhwIjoxMzAwODE5MzgwLCJodHRwOi8vZXhhbXBsZS5jb20vaXNfcm9vdCI6dHJ1ZX0.dPpMqwRZxFYi1UfcDAaf8M99o7kwUWtiXZ-ByvVuJih4MhJ_aZqciprz0OWaIAkIvn1qskChirjKvY9ESZNUCP4JjvfyPS-nqjJxYoA5ztWOyFk2cZNIPXjcJXSQwXPO9tEe-v4VSqgD0aKHqPxYog4N6Cz1lKph1U1sYDSI67_bLL7elg_vkjfMp5_W5l5LuUYGMeh6hxQIaIUXf9EwV2JmvTMuZ-vBOWy0Sniy1EFo72CRTvmtrIf5AROo5MNliY3KtUxeP-SOmD-LEYwW9SlkohYzMVAZDDOrVbv7KVRHpeYNaK75KEQqdCEEkS_rskZS-Qtt_nlegTWh1mEYaA',
  },
  {
    label: 'RFC 8037 Appendix A example Ed25519 key',
    token:
      'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg',
  },
  {
    label: 'OpenID Connect Core Appendix A.7 example RSA key',
    token:
      'eyJraWQiOiIxZTlnZGs3IiwiYWxnIjoiUlMyNTYifQ.ewogImlzcyI6ICJodHRwOi8vc2VydmVyLmV4YW1wbGUuY29tIiwKICJzdWIiOiAiMjQ4Mjg5NzYxMDAxIiwKICJhdWQiOiAiczZCaGRSa3F0MyIsCiAibm9uY2UiOiAibi0wUzZfV3pBMk1qIiwKICJleHAiOiAxMzExMjgxOTcwLAogImlhdCI6IDEzMTEyODA5NzAsCiAibmFtZSI6ICJKYW5lIERvZSIsCiAiZ2l2ZW5fbmFtZSI6ICJKYW5lIiwKICJmYW1pbHlfbmFtZSI6ICJEb2UiLAogImdlbmRlciI6ICJmZW1hbGUiLAogImJpcnRoZGF0ZSI6ICIwMDAwLTEwLTMxIiwKICJlbWFpbCI6ICJqYW5lZG9lQGV4YW1wbGUuY29tIiwKICJwaWN0dXJlIjogImh0dHA6Ly9leGFtcGxlLmNvbS9qYW5lZG9lL21lLmpwZyIKfQ.rHQjEmBqn9Jre0OLykYNnspA10Qql2rvx4FsD00jwlB0Sym4NzpgvPKsDjn_wMkHxcp6CilPcoKrWHcipR2iAjzLvDNAReF97zoJqq880ZD1bwY82JDauCXELVR9O6_B0w3K-E7yM2macAAgNCUwtik6SjoSUZRcf-O5lygIyLENx882p6MtmwaL1hd6qn5RZOQ0TLrOYu0532g9Exxcm-ChymrB4xLykpDj3lUivJt63eEGGN6DH5K6o33TcxkIjNrCD4XB1CKKumZvCedgHHF3IAK4dVEDSUoGlH9z4pP_eWYNXvqQOjGs-rDaQzUHl6cQQWNiDpWOl_lxXjQEvQ',
  },
  {
    label: 'jwt.io debugger default RSA key (2048-bit, RS*/PS*)',
    token: `eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9.${JWT_IO_CLAIMS}.iOeNU4dAFFeBwNj6qdhdvm-IvDQrTa6R22lQVJVuWJxorJfeQww5Nwsra0PjaOYhAMj9jNMO5YLmud8U7iQ5gJK2zYyepeSuXhfSi8yjFZfRiSkelqSkU19I-Ja8aQBDbqXf2SAWA8mHF8VS3F08rgEaLCyv98fLLH4vSvsJGf6ueZSLKDVXz24rZRXGWtYYk_OYYTVgR1cg0BLCsuCvqZvHleImJKiWmtS0-CymMO4MMjCy_FIl6I56NqLE9C87tUVpo1mT-kbg5cHDD8I7MjCW5Iii5dethB4Vid3mZ6emKjVYgXrtkOQ-JyGMh6fnQxEFN1ft33GX2eRHluK9eg`,
  },
  {
    label: 'jwt.io debugger former default RSA key (1024-bit)',
    token: `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.${JWT_IO_CLAIMS}.TCYt5XsITJX1CxPCT8yAV-TVkIEq_PbChOMqsLfRoPsnsgw5WEuts01mq-pQy7UJiN5mgRxD-WUcX16dUEMGlv50aqzpqh4Qktb3rk-BuQy72IFLOqV0G_zS245-kronKb78cPN25DGlcTwLtjPAYuNzVBAh4vGHSrQyHUdBBPM`,
  },
  {
    label: 'jwt.io debugger default P-256 key (ES256)',
    token: `eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.${JWT_IO_CLAIMS}.tyh-VfuzIxCyGYDlkBA7DfyjrqmSHu6pQ2hoZuFqUSLPNY2N0mpHb3nk5K17HWP_3cYHBw7AhHale5wky6-sVA`,
  },
  {
    label: 'jwt.io debugger default P-384 key (ES384)',
    token: `eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9.${JWT_IO_CLAIMS}.VUPWQZuClnkFbaEKCsPy7CZVMh5wxbCSpaAWFLpnTe9J0--PzHNeTFNXCrVHysAa3eFbuzD8_bLSsgTKC8SzHxRVSj5eN86vBPo_1fNfE7SHTYhWowjY4E_wuiC13yoj`,
  },
  {
    label: 'jwt.io debugger default P-521 key (ES512)',
    token: `eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCJ9.${JWT_IO_CLAIMS}.AbVUinMiT3J_03je8WTOIl-VdggzvoFgnOsdouAs-DLOtQzau9valrq-S6pETyi9Q18HH-EuwX49Q7m3KC0GuNBJAc9Tksulgsdq8GqwIqZqDKmG7hNmDzaQG1Dpdezn2qzv-otf3ZZe-qNOXUMRImGekfQFIuH_MjD2e8RZyww6lbZk`,
  },
];

/**
 * The default token jwt.io's debugger shows for each algorithm it signs with: github.com/jsonwebtoken/
 * jsonwebtoken.github.io, src/features/common/values/default-tokens.values.ts at
 * d88e9709c6f463413280a7f39114523a313bdb35. Each is signed with that algorithm's default key.
 */
const JWT_IO_DEFAULTS: [string, string, string][] = [
  [
    'RS256',
    'jwt.io debugger default RSA key (2048-bit, RS*/PS*)',
    'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.NHVaYe26MbtOYhSKkoKYdFVomg4i8ZJd8_-RU8VNbftc4TSMb4bXP3l3YlNWACwyXPGffz5aXHc6lty1Y2t4SWRqGteragsVdZufDn5BlnJl9pdR_kdVFUsra2rWKEofkZeIC4yWytE58sMIihvo9H1ScmmVwBcQP6XETqYd0aSHp1gOa9RdUPDvoXQ5oqygTqVtxaDr6wUFKrKItgBMzWIdNZ6y7O9E0DhEPTbE9rfBo6KTFsHAZnMg4k68CDp2woYIaXbmYTWcvbzIuHO7_37GT79XdIwkm95QJ7hYC9RiwrV7mesbY4PAahERJawntho0my942XheVLmGwLMBkQ',
  ],
  [
    'RS384',
    'jwt.io debugger default RSA key (2048-bit, RS*/PS*)',
    'eyJhbGciOiJSUzM4NCIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.o1hC1xYbJolSyh0-bOY230w22zEQSk5TiBfc-OCvtpI2JtYlW-23-8B48NpATozzMHn0j3rE0xVUldxShzy0xeJ7vYAccVXu2Gs9rnTVqouc-UZu_wJHkZiKBL67j8_61L6SXswzPAQu4kVDwAefGf5hyYBUM-80vYZwWPEpLI8K4yCBsF6I9N1yQaZAJmkMp_Iw371Menae4Mp4JusvBJS-s6LrmG2QbiZaFaxVJiW8KlUkWyUCns8-qFl5OMeYlgGFsyvvSHvXCzQrsEXqyCdS4tQJd73ayYA4SPtCb9clz76N1zE5WsV4Z0BYrxeb77oA7jJhh994RAPzCG0hmQ',
  ],
  [
    'RS512',
    'jwt.io debugger default RSA key (2048-bit, RS*/PS*)',
    'eyJhbGciOiJSUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.jYW04zLDHfR1v7xdrW3lCGZrMIsVe0vWCfVkN2DRns2c3MN-mcp_-RE6TN9umSBYoNV-mnb31wFf8iun3fB6aDS6m_OXAiURVEKrPFNGlR38JSHUtsFzqTOj-wFrJZN4RwvZnNGSMvK3wzzUriZqmiNLsG8lktlEn6KA4kYVaM61_NpmPHWAjGExWv7cjHYupcjMSmR8uMTwN5UuAwgW6FRstCJEfoxwb0WKiyoaSlDuIiHZJ0cyGhhEmmAPiCwtPAwGeaL1yZMcp0p82cpTQ5Qb-7CtRov3N4DcOHgWYk6LomPR5j5cCkePAz87duqyzSMpCB0mCOuE3CU2VMtGeQ',
  ],
  [
    'PS256',
    'jwt.io debugger default RSA key (2048-bit, RS*/PS*)',
    'eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.iOeNU4dAFFeBwNj6qdhdvm-IvDQrTa6R22lQVJVuWJxorJfeQww5Nwsra0PjaOYhAMj9jNMO5YLmud8U7iQ5gJK2zYyepeSuXhfSi8yjFZfRiSkelqSkU19I-Ja8aQBDbqXf2SAWA8mHF8VS3F08rgEaLCyv98fLLH4vSvsJGf6ueZSLKDVXz24rZRXGWtYYk_OYYTVgR1cg0BLCsuCvqZvHleImJKiWmtS0-CymMO4MMjCy_FIl6I56NqLE9C87tUVpo1mT-kbg5cHDD8I7MjCW5Iii5dethB4Vid3mZ6emKjVYgXrtkOQ-JyGMh6fnQxEFN1ft33GX2eRHluK9eg',
  ],
  [
    'PS384',
    'jwt.io debugger default RSA key (2048-bit, RS*/PS*)',
    'eyJhbGciOiJQUzM4NCIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.Lfe_aCQme_gQpUk9-6l9qesu0QYZtfdzfy08w8uqqPH_gnw-IVyQwyGLBHPFBJHMbifdSMxPjJjkCD0laIclhnBhowILu6k66_5Y2z78GHg8YjKocAvB-wSUiBhuV6hXVxE5emSjhfVz2OwiCk2bfk2hziRpkdMvfcITkCx9dmxHU6qcEIsTTHuH020UcGayB1-IoimnjTdCsV1y4CMr_ECDjBrqMdnontkqKRIM1dtmgYFsJM6xm7ewi_ksG_qZHhaoBkxQ9wq9OVQRGiSZYowCp73d2BF3jYMhdmv2JiaUz5jRvv6lVU7Quq6ylVAlSPxeov9voYHO1mgZFCY1kQ',
  ],
  [
    'PS512',
    'jwt.io debugger default RSA key (2048-bit, RS*/PS*)',
    'eyJhbGciOiJQUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.J5W09-rNx0pt5_HBiydR-vOluS6oD-RpYNa8PVWwMcBDQSXiw6-EPW8iSsalXPspGj3ouQjAnOP_4-zrlUUlvUIt2T79XyNeiKuooyIFvka3Y5NnGiOUBHWvWcWp4RcQFMBrZkHtJM23sB5D7Wxjx0-HFeNk-Y3UJgeJVhg5NaWXypLkC4y0ADrUBfGAxhvGdRdULZivfvzuVtv6AzW6NRuEE6DM9xpoWX_4here-yvLS2YPiBTZ8xbB3axdM99LhES-n52lVkiX5AWg2JJkEROZzLMpaacA_xlbUz_zbIaOaoqk8gB5oO7kI6sZej3QAdGigQy-hXiRnW_L98d4GQ',
  ],
  [
    'ES256',
    'jwt.io debugger default P-256 key (ES256)',
    'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.tyh-VfuzIxCyGYDlkBA7DfyjrqmSHu6pQ2hoZuFqUSLPNY2N0mpHb3nk5K17HWP_3cYHBw7AhHale5wky6-sVA',
  ],
  [
    'ES384',
    'jwt.io debugger default P-384 key (ES384)',
    'eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.VUPWQZuClnkFbaEKCsPy7CZVMh5wxbCSpaAWFLpnTe9J0--PzHNeTFNXCrVHysAa3eFbuzD8_bLSsgTKC8SzHxRVSj5eN86vBPo_1fNfE7SHTYhWowjY4E_wuiC13yoj',
  ],
  [
    'ES512',
    'jwt.io debugger default P-521 key (ES512)',
    'eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.AbVUinMiT3J_03je8WTOIl-VdggzvoFgnOsdouAs-DLOtQzau9valrq-S6pETyi9Q18HH-EuwX49Q7m3KC0GuNBJAc9Tksulgsdq8GqwIqZqDKmG7hNmDzaQG1Dpdezn2qzv-otf3ZZe-qNOXUMRImGekfQFIuH_MjD2e8RZyww6lbZk',
  ],
  [
    'Ed25519',
    'jwt.io debugger default Ed25519 key (Ed25519, EdDSA)',
    'eyJhbGciOiJFZDI1NTE5IiwidHlwIjoiSldUIn0.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.IiFCYED1bkN9FL4H3UG884v2Wxmp_0SDfaaaRipa2N1QcjevsxA0WNRYnFMqPHf4tpNw93fL7PZs4az9kH0NBQ',
  ],
];

/** The private half of jwt.io's default Ed25519 key (same file), to mint an `EdDSA`-labelled token. */
const JWT_IO_ED25519_PRIVATE = {
  kty: 'OKP',
  crv: 'Ed25519',
  x: 'wmK6SSAu2E9V7uynkCKEaj5nZJyTvNG4x0KohsRzLpg',
  d: 'XERvYju0-4q-KFXg-ADnkcPIyhU8ezanT-eok4F64YY',
};

/** RFC 7515 Appendix A.2.1: the private half of the example RSA key, published with it. */
const RFC7515_A2_PRIVATE = {
  ...PUBLISHED_KEYS[0]?.jwk,
  d: 'Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ',
  p: '4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc',
  q: 'uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc',
  dp: 'BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBfpT_PI7Yz-FOKnu1R6HsJeDCjn12Sk3vmAktV2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0',
  dq: 'h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrmI2oKr6N3Do9U0ajaHF-NKJnwgjMd2w9cjz3_-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU',
  qi: 'IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7fhd_QJQ3ydy5cY7YIBi87w93IKLEdfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U',
};

describe('published example keys', () => {
  it('all import, with distinct thumbprints', async () => {
    const keys = await loadPublishedKeys();
    expect(keys).toHaveLength(PUBLISHED_KEYS.length);
    expect(new Set(keys.map((k) => k.thumbprint)).size).toBe(keys.length);
    expect(keys.every((k) => k.source.origin === 'published' && k.label)).toBe(true);
  });

  it.each(VECTORS)(
    '$label verifies its source’s example signature → key-publicly-known',
    async ({ label, token }) => {
      const result = await verifyTokens([recordOf(token)], []);
      const hit = result.hits.find((h) => h.ruleId === 'key-publicly-known');
      expect(hit?.severity).toBe('critical');
      expect(hit?.detail).toContain(`verifies with the ${label} (`);
      expect(hit?.detail).toMatch(/whose private key is published: anyone can mint this token$/);
      expect(result.verified[0]).toMatchObject({
        status: 'published-key',
        key: { label, origin: 'published' },
      });
      expect(result.hits.map((h) => h.ruleId)).not.toContain('sig-unverifiable');
    },
  );

  it('every published key has a vector above', () => {
    const labels = [...VECTORS.map((v) => v.label), ...JWT_IO_DEFAULTS.map(([, label]) => label)];
    expect(new Set(labels)).toEqual(new Set(PUBLISHED_KEYS.map((k) => k.label)));
  });

  it.each(JWT_IO_DEFAULTS)(
    'jwt.io’s default %s token → key-publicly-known (%s)',
    async (alg, label, token) => {
      const result = await verifyTokens([recordOf(token)], []);
      const hit = result.hits.find((h) => h.ruleId === 'key-publicly-known');
      expect(hit?.detail).toBe(
        `${alg} signature verifies with the ${label} (${PUBLISHED_KEYS.find((k) => k.label === label)?.reference}), whose private key is published: anyone can mint this token`,
      );
    },
  );

  it.each(['EdDSA', 'Ed25519'])(
    'catches a fresh %s token minted with jwt.io’s default Ed25519 key',
    async (alg) => {
      const privateKey = await importJWK(JWT_IO_ED25519_PRIVATE, 'Ed25519');
      const token = await signToken(alg, privateKey, { kid: 'prod-2025' });
      const result = await verifyTokens([recordOf(token)], []);
      expect(result.hits.map((h) => h.ruleId)).toEqual(['key-publicly-known']);
      expect(result.hits[0]?.detail).toContain('jwt.io debugger default Ed25519 key');
    },
  );

  it('catches a fresh token minted with the published RFC 7515 A.2 private key', async () => {
    const privateKey = await importJWK(RFC7515_A2_PRIVATE, 'RS256');
    const token = await signToken('RS256', privateKey, { kid: 'prod-2025' });
    const result = await verifyTokens([recordOf(token)], []);
    expect(result.hits.map((h) => h.ruleId)).toEqual(['key-publicly-known']);
    expect(result.hits[0]?.detail).toBe(
      'RS256 signature verifies with the RFC 7515 Appendix A.2 example RSA key (RFC 7515 Appendix A.2.1), whose private key is published: anyone can mint this token',
    );
  });

  it('reports both a forged signature and the published key when the issuer’s keys are known', async () => {
    const issuer = await keyPair('RS256', 'k');
    const privateKey = await importJWK(RFC7515_A2_PRIVATE, 'RS256');
    const token = await signToken('RS256', privateKey, { kid: 'k' });
    const result = await verifyTokens([recordOf(token)], [jwksDocument([issuer.jwk])]);
    expect(result.hits.map((h) => h.ruleId).sort()).toEqual(['key-publicly-known', 'sig-invalid']);
  });

  it('does not report a token signed with a fresh key', async () => {
    const fresh = await keyPair('ES256', 'k');
    const token = await signToken('ES256', fresh.privateKey);
    const result = await verifyTokens([recordOf(token)], []);
    expect(result.hits.map((h) => h.ruleId)).toEqual(['sig-unverifiable']);
  });
});

describe('published keys, probed once per signing key', () => {
  /** Counts the verifier's calls that tried a published key, by delegating to the default verifier. */
  function countingVerifier() {
    const inner = createVerifier();
    const published = new Set(publishedKeys().map((k) => k.thumbprint));
    const counter = { published: 0 };
    const verifier: Verifier = (token, key, alg) => {
      if (published.has(key.thumbprint)) counter.published++;
      return inner(token, key, alg);
    };
    return { verifier, counter };
  }

  it('reports every token of a key group signed with a published key, probing the rest with that key alone', async () => {
    const privateKey = await importJWK(RFC7515_A2_PRIVATE, 'RS256');
    const tokens = await Promise.all(
      ['u1', 'u2', 'u3'].map((sub) => signToken('RS256', privateKey, { kid: 'k' }, { iss: ISSUER, sub })),
    );
    const { verifier, counter } = countingVerifier();
    const result = await verifyTokens(
      tokens.map((t) => recordOf(t)),
      [],
      [],
      { verifier, concurrency: 4 },
    );
    expect(result.hits.map((h) => h.ruleId)).toEqual(Array(3).fill('key-publicly-known'));
    // The first token tries every published key that fits RS256 (length permitting); the other two, one each.
    const firstProbe = counter.published - 2;
    const each = countingVerifier();
    await verifyTokens(
      tokens.map((t) => recordOf(t)),
      [],
      [],
      { verifier: each.verifier, eachToken: true },
    );
    expect(each.counter.published).toBe(3 * firstProbe);
  });

  it('skips the published keys for the rest of a group whose first token verifies with none', async () => {
    const fresh = await keyPair('RS256', 'k');
    const tokens = await Promise.all(
      ['u1', 'u2', 'u3'].map((sub) =>
        signToken('RS256', fresh.privateKey, { kid: 'k' }, { iss: ISSUER, sub }),
      ),
    );
    const { verifier, counter } = countingVerifier();
    const result = await verifyTokens(
      tokens.map((t) => recordOf(t)),
      [],
      [],
      { verifier },
    );
    expect(result.hits.map((h) => h.ruleId)).toEqual(Array(3).fill('sig-unverifiable'));
    const each = countingVerifier();
    await verifyTokens(
      tokens.map((t) => recordOf(t)),
      [],
      [],
      { verifier: each.verifier, eachToken: true },
    );
    expect(counter.published).toBeGreaterThan(0);
    expect(each.counter.published).toBe(3 * counter.published);
  });

  it('misses a published-key token behind a fresh-key token of the same group unless eachToken is set', async () => {
    const fresh = await keyPair('RS256', 'k');
    const famous = await importJWK(RFC7515_A2_PRIVATE, 'RS256');
    const first = await signToken('RS256', fresh.privateKey, { kid: 'k' });
    const second = await signToken('RS256', famous, { kid: 'k' });
    const records = () => [recordOf(first), recordOf(second)];
    const grouped = await verifyTokens(records(), [], [], { concurrency: 1 });
    expect(grouped.hits.map((h) => h.ruleId)).toEqual(['sig-unverifiable', 'sig-unverifiable']);
    const each = await verifyTokens(records(), [], [], { concurrency: 1, eachToken: true });
    expect(each.hits.map((h) => h.ruleId)).toEqual(['sig-unverifiable', 'key-publicly-known']);
  });

  it('probes tokens of different kids (different keys) separately', async () => {
    const fresh = await keyPair('RS256', 'a');
    const famous = await importJWK(RFC7515_A2_PRIVATE, 'RS256');
    const first = await signToken('RS256', fresh.privateKey, { kid: 'a' });
    const second = await signToken('RS256', famous, { kid: 'b' });
    const result = await verifyTokens([recordOf(first), recordOf(second)], [], [], { concurrency: 1 });
    expect(result.hits.map((h) => h.ruleId)).toEqual(['sig-unverifiable', 'key-publicly-known']);
  });
});

describe('published keys without WebCrypto', () => {
  it('carry the thumbprints jose computes and every key WebCrypto imports', async () => {
    const keys = await loadPublishedKeys();
    for (const key of keys) {
      expect(key.thumbprint).toBe(await calculateJwkThumbprint({ ...key.jwk }, 'sha256'));
      await expect(importJWK({ ...key.jwk }, importAlgFor(key.jwk))).resolves.toBeDefined();
    }
  });
});
