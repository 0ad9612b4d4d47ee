// `imagegate verify-attestation --key PUB FILE`: every line of FILE must be a DSSE envelope signed by
// the key and carrying an in-toto VSA statement. 0 all valid, 1 any invalid or altered, 2 unreadable.
import { verifyAttestationFile } from '../attest/attestation-file.js';
import { loadVerifyKey } from '../attest/keys.js';

export async function runVerifyAttestationCommand(file: string, options: { key: string }): Promise<number> {
  const publicKey = await loadVerifyKey(options.key);
  const results = await verifyAttestationFile(file, publicKey);
  for (const result of results) {
    process.stdout.write(result.valid ? `valid: ${result.subject} ${result.result}\n` : `INVALID: ${file}: line ${result.line}: ${result.reason}\n`);
  }
  return results.every((result) => result.valid) ? 0 : 1;
}
