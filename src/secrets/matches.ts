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
      this.bySecret.set(secret, { match: { kind: raw.kind, title: raw.title, secret, line }, priority: raw.priority, offset });
      return;
    }
    if (raw.priority < known.priority) {
      known.match.kind = raw.kind;
      known.match.title = raw.title;
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
