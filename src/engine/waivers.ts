// Applies policy waivers to findings: a match with a future expiry waives; an expired one is shown but counts.
import { matchGlob } from '../config/glob.js';
import type { Waiver } from '../config/policy.js';
import type { Finding } from '../core/finding.js';

export function applyWaivers(findings: Finding[], waivers: readonly Waiver[], references: string[], today: string): Finding[] {
  return findings.map((finding) => {
    const waiver = waivers.find((candidate) => matches(candidate, finding, references));
    if (!waiver) return finding;
    const expired = waiver.expires !== undefined && waiver.expires < today;
    return {
      ...finding,
      waived: {
        reason: waiver.reason,
        ...(waiver.expires !== undefined ? { expires: waiver.expires } : {}),
        expired,
        ...(waiver.origin !== undefined ? { origin: waiver.origin } : {}),
      },
    };
  });
}

function matches(waiver: Waiver, finding: Finding, references: string[]): boolean {
  if (waiver.rule !== undefined && waiver.rule !== finding.ruleId) return false;
  if (waiver.image !== undefined && !references.some((ref) => matchGlob(waiver.image!, ref))) return false;
  const { location } = finding;
  if (waiver.path !== undefined && (location.path === undefined || !matchGlob(waiver.path, location.path))) return false;
  if (waiver.envKey !== undefined && location.envKey !== waiver.envKey) return false;
  if (waiver.label !== undefined && location.label !== waiver.label) return false;
  if (waiver.fingerprint !== undefined && !finding.secret?.fingerprint.startsWith(waiver.fingerprint.toLowerCase())) return false;
  return true;
}

/** Today's date in UTC as YYYY-MM-DD, the format waiver expiry dates use. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
