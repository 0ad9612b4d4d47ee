// After rules run: waive, drop exact duplicates, and sort so reports are stable run to run.
import { SEVERITY_RANK, type Finding } from '../core/finding.js';
import type { Waiver } from '../config/policy.js';
import { applyWaivers } from './waivers.js';
import { compareText } from '../core/compare-text.js';

export function postProcess(findings: Finding[], waivers: readonly Waiver[], references: string[], today: string): Finding[] {
  return sortFindings(dedupe(applyWaivers(findings, waivers, references, today)));
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = JSON.stringify([finding.ruleId, finding.messageId, finding.message, finding.location]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      compareText(a.ruleId, b.ruleId) ||
      (a.location.layer ?? -1) - (b.location.layer ?? -1) ||
      compareText(a.location.path ?? '', b.location.path ?? '') ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.historyIndex ?? -1) - (b.location.historyIndex ?? -1),
  );
}
