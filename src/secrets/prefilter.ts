// One combined regex of every detector's trigger literals: the only pass that touches all bytes.
import { FORMAT_DETECTORS } from './formats/index.js';
import { PEM_TRIGGER } from './pem.js';
import type { Detector } from './types.js';

/** Group index reported for a private-key BEGIN line (handled by the stateful PEM tracker). */
export const PEM_HIT = -1;

/**
 * Triggers are case-sensitive literals, so V8 can skip quickly over ordinary text; each is
 * wrapped in its own capture group so a hit tells which detector to run without re-testing.
 */
const SOURCES = [...FORMAT_DETECTORS.map((d) => d.trigger), PEM_TRIGGER.replace(/[-]/g, '\\-')];
const COMBINED = new RegExp(SOURCES.map((s) => `(${s})`).join('|'), 'g');

/** Find the next trigger at or after `from`; returns its position and detector (or PEM_HIT). */
export function nextHit(text: string, from: number): { at: number; detector: Detector | typeof PEM_HIT } | undefined {
  COMBINED.lastIndex = from;
  const m = COMBINED.exec(text);
  if (m === null) return undefined;
  for (let g = 1; g < m.length; g++) {
    if (m[g] !== undefined) {
      return { at: m.index, detector: FORMAT_DETECTORS[g - 1] ?? PEM_HIT };
    }
  }
  return undefined;
}
