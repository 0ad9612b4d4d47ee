// One combined regex of every detector's trigger literals: the only pass that touches all bytes.
import { FORMAT_DETECTORS } from './formats/index.js';
import { PEM_TRIGGER } from './pem.js';
import type { Detector } from './types.js';

/** Reported for a private-key BEGIN line (handled by the stateful PEM tracker, not a Detector). */
export const PEM_HIT = -1;

/**
 * Triggers are case-sensitive literals, so V8 skips quickly over ordinary text. The combined
 * regex has no capture groups (they cost a third of its speed); a hit is dispatched afterwards by
 * testing the few sticky per-trigger regexes at that one position.
 */
const escapeLiteral = (s: string): string => s.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&');
const CANDIDATES: { trigger: RegExp; detector: Detector | typeof PEM_HIT }[] = [
  ...FORMAT_DETECTORS.map((detector) => ({ trigger: new RegExp(detector.trigger, 'y'), detector })),
  { trigger: new RegExp(escapeLiteral(PEM_TRIGGER), 'y'), detector: PEM_HIT },
];
const COMBINED = new RegExp(CANDIDATES.map((c) => c.trigger.source).join('|'), 'g');

/** Find the next trigger at or after `from`; returns its position and detector (or PEM_HIT). */
export function nextHit(text: string, from: number): { at: number; detector: Detector | typeof PEM_HIT } | undefined {
  COMBINED.lastIndex = from;
  const m = COMBINED.exec(text);
  if (m === null) return undefined;
  for (const candidate of CANDIDATES) {
    candidate.trigger.lastIndex = m.index;
    if (candidate.trigger.test(text)) return { at: m.index, detector: candidate.detector };
  }
  return undefined; // unreachable: COMBINED only matches where some trigger does
}
