// Turns a raw secret match into report data that carries only the masked form, never the secret.
import type { MaskedSecret } from '../engine/finding.js';
import { maskSecret, type SecretMatch } from '../secrets/index.js';

export interface MaskedMatch {
  secret: MaskedSecret;
  data: { title: string; masked: string };
  line: number;
}

export function maskMatch(match: SecretMatch): MaskedMatch {
  const secret = maskSecret(match.kind, match.secret);
  return {
    secret,
    data: { title: match.title, masked: `${secret.preview} (${secret.length} chars, fingerprint ${secret.fingerprint})` },
    line: match.line,
  };
}
