// Collects matches for one scan: de-duplicates, keeps the most specific kind, bounds memory.
import type { RawMatch, SecretMatch } from './types.js';

/** A file with more distinct secrets than this is reported by its first ones; memory stays flat. */
export const MAX_MATCHES_PER_SCAN = 256;

interface Entry {
  match: SecretMatch;
  priority: number;
  offset: number;
}

export class MatchSet {
  private readonly bySecret = new Map<string, Entry>();

  constructor(private readonly latin1: boolean) {}

  /**
   * Record a detection at a global `offset` and 1-based `line`. The same secret found again
   * (repeated in a log, or also matched by a less specific detector) stays one match: the first
   * occurrence's position, the most specific detector's kind.
   */
  add(raw: Omit<RawMatch, 'index'>, offset: number, line: number): void {
    // Files are decoded as latin1 for speed; give non-ASCII secrets back their UTF-8 characters
    // so the fingerprint matches the one computed for the same secret found in an env value.
    const secret = this.latin1 && /[\x80-\xff]/.test(raw.secret) ? Buffer.from(raw.secret, 'latin1').toString('utf8') : raw.secret;
    const known = this.bySecret.get(secret);
    if (known === undefined) {
      if (this.bySecret.size >= MAX_MATCHES_PER_SCAN) return;
      const match: SecretMatch = { kind: raw.kind, title: raw.title, secret, line };
      if (raw.severity !== undefined && raw.severity !== 'error') match.severity = raw.severity;
      this.bySecret.set(secret, { match, priority: raw.priority, offset });
      return;
    }
    if (raw.priority < known.priority) {
      // The severity goes with the kind: it is the most specific detector's judgement.
      known.match.kind = raw.kind;
      known.match.title = raw.title;
      if (raw.severity !== undefined && raw.severity !== 'error') known.match.severity = raw.severity;
      else delete known.match.severity;
      known.priority = raw.priority;
    }
    if (offset < known.offset) {
      known.offset = offset;
      known.match.line = line;
    }
  }

  /** All matches in order of appearance. */
  list(): SecretMatch[] {
    return [...this.bySecret.values()].sort((a, b) => a.offset - b.offset).map((e) => e.match);
  }
}
