// Keeps every raw secret found in one image and scrubs them from the report before any reporter sees it.
import { buildArgs } from '../image/build-args.js';
import type { MaskedMatch } from '../rules/define-rule.js';
import { maskSecret, scanEnv, scanValue, type SecretMatch } from '../secrets/index.js';

export class Redactor {
  private readonly secrets = new Map<string, string>();

  /** Masks a match for a report and remembers the raw value so no other string can carry it out. */
  mask(match: SecretMatch): MaskedMatch {
    const secret = maskSecret(match.kind, match.secret);
    const masked = `${secret.preview} (${secret.length} chars, fingerprint ${secret.fingerprint})`;
    this.secrets.set(match.secret, `[redacted ${secret.fingerprint}]`);
    return { secret, data: { title: match.title, masked }, line: match.line };
  }

  /**
   * History lines end up in reports (layer steps); they are scanned here whether or not the
   * secret-history rule is enabled, so turning a rule off never turns masking off.
   */
  redactHistory(createdBy: string): string {
    for (const { key, value } of buildArgs(createdBy)) for (const match of scanEnv(key, value)) this.mask(match);
    for (const match of scanValue(createdBy)) this.mask(match);
    return this.text(createdBy);
  }

  text(value: string): string {
    let out = value;
    // Longest first, so a secret that contains another is replaced whole.
    for (const [raw, replacement] of [...this.secrets].sort((a, b) => b[0].length - a[0].length)) {
      if (raw.length > 0 && out.includes(raw)) out = out.split(raw).join(replacement);
    }
    return out;
  }

  /** Deep copy of a JSON-like value with every string scrubbed. */
  deep<T>(value: T): T {
    if (this.secrets.size === 0) return value;
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) return value.map((item: unknown) => this.deep(item)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.deep(item)])) as T;
    }
    return value;
  }
}
