// DSSE envelopes: the statement signed over its pre-authentication encoding (PAE), with an ECDSA
// P-256 or Ed25519 key, using Node's crypto only.
// Reference: https://github.com/secure-systems-lab/dsse/blob/master/protocol.md
// Reference: https://github.com/secure-systems-lab/dsse/blob/master/envelope.md
import { createHash, sign, verify, type KeyObject } from 'node:crypto';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export interface Envelope {
  payload: string;
  payloadType: string;
  signatures: { keyid?: string; sig: string }[];
}

/** PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes, decimal. */
export function pae(payloadType: string, body: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${body.length} `), body]);
}

/** ECDSA signs a SHA-256 digest (signature DER-encoded, as sigstore and cosign write it); Ed25519 signs the message itself. */
const algorithmFor = (key: KeyObject): string | null => (key.asymmetricKeyType === 'ed25519' ? null : 'sha256');

/** A stable key id: the SHA-256 of the public key's DER SubjectPublicKeyInfo. */
export function keyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export function signEnvelope(body: Buffer, privateKey: KeyObject, publicKey: KeyObject, payloadType = IN_TOTO_PAYLOAD_TYPE): Envelope {
  const sig = sign(algorithmFor(privateKey), pae(payloadType, body), privateKey);
  return { payload: body.toString('base64'), payloadType, signatures: [{ keyid: keyId(publicKey), sig: sig.toString('base64') }] };
}

/** True when some signature of the envelope verifies with this key. */
export function verifyEnvelope(envelope: Envelope, publicKey: KeyObject): boolean {
  // The signature covers the decoded bytes, which are also what the caller reads as the statement.
  const body = Buffer.from(envelope.payload, 'base64');
  const message = pae(envelope.payloadType, body);
  return envelope.signatures.some((signature) => {
    try {
      return verify(algorithmFor(publicKey), message, publicKey, Buffer.from(signature.sig, 'base64'));
    } catch {
      return false;
    }
  });
}
