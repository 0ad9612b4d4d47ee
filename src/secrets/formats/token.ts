// Builds detectors for tokens that start with a fixed, documented prefix (ghp_, npm_, xoxb-, …).
import { isFillerToken } from '../placeholders.js';
import { Priority, type Detector, type RawMatch } from '../types.js';

export interface PrefixedTokenSpec {
  kind: string;
  title: string;
  /** Regex source of the prefix literal(s); also feeds the scanner's prefilter. */
  trigger: string;
  /**
   * Sticky pattern matched at the trigger position. The secret is the whole match unless the
   * pattern has a capture group, in which case group 1 (which must end the match) is the secret.
   */
  pattern: RegExp;
  /** Extra confirmation on the secret (e.g. decoding a JWT header). */
  confirm?: (secret: string) => boolean;
  /** Characters that may not directly precede the prefix (default: letters and digits). */
  notAfter?: RegExp;
}

const ALNUM = /[A-Za-z0-9]/;

export function prefixedToken(spec: PrefixedTokenSpec): Detector {
  if (!spec.pattern.sticky) throw new Error(`${spec.kind}: pattern must be sticky`);
  const notAfter = spec.notAfter ?? ALNUM;
  return {
    trigger: spec.trigger,
    detect(text: string, at: number, out: RawMatch[]): void {
      // A prefix glued to a preceding word is part of something else (e.g. "xghp_…").
      if (at > 0 && notAfter.test(text[at - 1] ?? '')) return;
      spec.pattern.lastIndex = at;
      const m = spec.pattern.exec(text);
      if (m === null) return;
      const secret = m[1] ?? m[0];
      if (isFillerToken(secret.slice(Math.min(8, secret.length >> 1)))) return;
      if (spec.confirm !== undefined && !spec.confirm(secret)) return;
      out.push({
        kind: spec.kind,
        title: spec.title,
        secret,
        index: at + m[0].length - secret.length,
        priority: Priority.format,
      });
    },
  };
}
