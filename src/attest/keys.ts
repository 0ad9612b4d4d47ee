// Reads the signing and verification keys: PEM, ECDSA P-256 or Ed25519, anything else refused by name.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { UsageError } from '../core/errors.js';

function checkKind(key: KeyObject, flag: string, file: string): void {
  const kind = key.asymmetricKeyType;
  if (kind === 'ed25519') return;
  if (kind === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return;
  const found = kind === 'ec' ? `EC curve ${key.asymmetricKeyDetails?.namedCurve ?? 'unknown'}` : (kind ?? 'unknown');
  throw new UsageError(`${flag} ${file}: a ${found} key; use an ECDSA P-256 or Ed25519 key (openssl genpkey -algorithm ed25519 -out key.pem)`);
}

async function readPem(file: string, flag: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new UsageError(`${flag} ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export async function loadSigningKey(file: string): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  const pem = await readPem(file, '--attest-key');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new UsageError(`--attest-key ${file}: not a PEM private key (an unencrypted PKCS#8 or SEC1 PEM file is expected)`);
  }
  checkKind(privateKey, '--attest-key', file);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

export async function loadVerifyKey(file: string): Promise<KeyObject> {
  const pem = await readPem(file, '--key');
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(pem);
  } catch {
    throw new UsageError(`--key ${file}: not a PEM public key`);
  }
  checkKind(publicKey, '--key', file);
  return publicKey;
}
