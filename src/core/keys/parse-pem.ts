import { exportJWK, importSPKI, importX509 } from 'jose';
import { joseProblem } from './jose-problem';
import { checkJwk } from './jwk-check';
import { createKnownKey } from './known-key';
import { findPemBlocks, type PemBlock, type PemLayout, toPem } from './pem';
import { spkiFromPkcs1, spkiImportAlg, spkiOfCertificate } from './spki';
import type { KeyParseResult, KeySource, KnownKey } from './types';

/** The layout OpenSSL and Node write, used when re-wrapping DER for jose. */
export const OPENSSL_LAYOUT: PemLayout = { width: 64, eol: '\n', trailing: true };

/** At most this many PEM blocks are read from one text (a certificate chain has a few). */
export const MAX_PEM_BLOCKS = 50;

const PRIVATE_LABELS = /PRIVATE KEY$/;

/** The SPKI DER a block holds (directly, as PKCS#1, or inside a certificate), or why it holds none. */
function spkiOfBlock(block: PemBlock): Uint8Array | string {
  if (block.der === null) return 'body is not base64 (or its END line does not match)';
  if (PRIVATE_LABELS.test(block.label))
    return 'is a private key: give the public key (SPKI, PKCS#1 or certificate)';
  if (block.label === 'PUBLIC KEY') return block.der;
  if (block.label === 'RSA PUBLIC KEY') return spkiFromPkcs1(block.der) ?? 'is not a PKCS#1 RSAPublicKey';
  if (block.label === 'CERTIFICATE') return spkiOfCertificate(block.der) ?? 'is not an X.509 certificate';
  return `has unsupported type "${block.label}"`;
}

/** Imports through jose (`importX509` for certificates, `importSPKI` otherwise) and exports the public JWK. */
async function importBlock(block: PemBlock, spki: Uint8Array, alg: string): Promise<unknown> {
  const options = { extractable: true };
  const key =
    block.label === 'CERTIFICATE' && block.der
      ? await importX509(toPem('CERTIFICATE', block.der, OPENSSL_LAYOUT), alg, options)
      : await importSPKI(toPem('PUBLIC KEY', spki, OPENSSL_LAYOUT), alg, options);
  return exportJWK(key);
}

async function readBlock(block: PemBlock, source: KeySource): Promise<KnownKey | string> {
  const spki = spkiOfBlock(block);
  if (typeof spki === 'string') return spki;
  const identified = spkiImportAlg(spki);
  if ('problem' in identified) return identified.problem;
  let exported: unknown;
  try {
    exported = await importBlock(block, spki, identified.alg);
  } catch (error) {
    return `does not import (${joseProblem(error)})`;
  }
  const checked = checkJwk(exported);
  if (!checked.ok) return checked.problem;
  // WebCrypto's export adds `alg`, `ext` and `key_ops` from how *we* imported it, not from the key's owner.
  return createKnownKey({ ok: true, jwk: checked.jwk, original: { ...checked.jwk }, notes: [] }, source);
}

/**
 * Reads the public keys of every PEM block in `text`: SPKI (`BEGIN PUBLIC KEY`), PKCS#1 (`BEGIN RSA PUBLIC
 * KEY`) and X.509 certificates. Each block that cannot be used becomes one problem line; the others are read.
 */
export async function parsePemKeys(text: string, source: KeySource): Promise<KeyParseResult> {
  const blocks = findPemBlocks(text);
  if (blocks.length === 0) return { keys: [], problems: [`${source.where}: no PEM block found`] };
  const result: KeyParseResult = { keys: [], problems: [] };
  if (blocks.length > MAX_PEM_BLOCKS) {
    result.problems.push(
      `${source.where}: ${blocks.length} PEM blocks, only the first ${MAX_PEM_BLOCKS} were read`,
    );
  }
  const read = blocks.slice(0, MAX_PEM_BLOCKS);
  const outcomes = await Promise.all(read.map((block) => readBlock(block, source)));
  outcomes.forEach((outcome, i) => {
    const block = read[i];
    if (typeof outcome !== 'string') result.keys.push(outcome);
    else
      result.problems.push(
        `${source.where}: ${block?.label ?? 'PEM'} block at line ${block?.line ?? 0} ${outcome}`,
      );
  });
  return result;
}
