// Durations on the command line ("90", "90s", "5m", "1h"): how long to wait for a stalled source.
import { UsageError } from '../core/errors.js';

const UNIT_MS: Readonly<Record<string, number>> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a duration to milliseconds; a bare number means seconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|h)?$/i.exec(text.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[(match[2] ?? '').toLowerCase()]! : NaN;
  if (!Number.isFinite(ms) || ms < 1000)
    throw new UsageError(`${flag} takes a duration of at least 1 s, like 90s, 5m or 300 (seconds); got "${text}"`);
  return Math.round(ms);
}

export function formatDuration(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}
