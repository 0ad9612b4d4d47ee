// The whole corpus: every corpus file's cases, merged by format id (cases for the same format in
// several files add up), and every false-positive trap.
import { CORPUS as BASE_CORPUS, type Cases } from './cases.js';
import { PROVIDER_CASES_A } from './cases-providers-a.js';
import { CODE_CASES } from './code-cases.js';
import { PROVIDER_CASES_C } from './cases-providers-c.js';
import { PROVIDER_CASES_D } from './cases-providers-d.js';
import { SNIFFED_CASES } from './sniffed-cases.js';
import { EXAMPLE_TRAPS } from './traps-examples.js';
import { TRAPS as BASE_TRAPS } from './traps.js';

function mergeCorpora(...parts: Record<string, Cases>[]): Record<string, Cases> {
  const merged: Record<string, Cases> = {};
  for (const part of parts) {
    for (const [id, cases] of Object.entries(part)) {
      const known = merged[id];
      merged[id] = known ? { positives: [...known.positives, ...cases.positives], negatives: [...known.negatives, ...cases.negatives] } : cases;
    }
  }
  return merged;
}

export const CORPUS = mergeCorpora(BASE_CORPUS, PROVIDER_CASES_A, SNIFFED_CASES, CODE_CASES, PROVIDER_CASES_C, PROVIDER_CASES_D);
export const TRAPS = [...BASE_TRAPS, ...EXAMPLE_TRAPS];
