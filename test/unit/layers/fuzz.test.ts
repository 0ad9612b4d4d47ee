// Fuzzing the whole read path: hundreds of archives mutated from valid seeds (bit flips,
// truncations, tar header field mutations, spliced and zeroed blocks) go through the same check
// the CLI runs. None may throw, hang or pass: each ends with a finding (exit 1) or a refusal (exit 2).
import { describe, expect, it } from 'vitest';
import { checkMemoryImage } from '../support/check-memory-image.js';
import { fuzzSeeds, mutate } from '../support/fuzz-archives.js';

const CASES_PER_SEED = 110;
const HANG_LIMIT_MS = 15_000;

function withinLimit<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hung for ${HANG_LIMIT_MS} ms: ${what}`)), HANG_LIMIT_MS);
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}

describe('fuzzed archives', () => {
  it(`${CASES_PER_SEED * 5} mutated archives each end in a finding or a clear refusal`, async () => {
    const outcomes = { finding: 0, refusal: 0 };
    const problems: string[] = [];
    for (const [s, seed] of (await fuzzSeeds()).entries()) {
      const original = await checkMemoryImage(seed.image);
      expect(original.error, `seed ${seed.name} must be readable`).toBeUndefined();
      expect(original.passed, `seed ${seed.name} must fail on its own findings`).toBe(false);
      for (let n = 0; n < CASES_PER_SEED; n++) {
        const mutation = mutate(seed.image, s, n);
        const label = `${seed.name} #${n}: ${mutation.what}`;
        try {
          const report = await withinLimit(checkMemoryImage({ ...seed.image, archive: mutation.data }), label);
          if (report.error) {
            outcomes.refusal++;
            if (report.error.message.trim() === '') problems.push(`${label}: empty error message`);
            if (/\n\s+at /.test(report.error.message)) problems.push(`${label}: stack trace in message`);
          } else if (report.passed) {
            problems.push(`${label}: passed`);
          } else {
            outcomes.finding++;
          }
        } catch (error) {
          problems.push(`${label}: threw ${(error as Error).stack ?? String(error)}`);
        }
      }
    }
    console.log(`fuzz: ${outcomes.finding} findings (exit 1), ${outcomes.refusal} refusals (exit 2)`);
    expect(problems).toEqual([]);
    expect(outcomes.finding + outcomes.refusal).toBe(CASES_PER_SEED * 5);
    // Both outcomes must occur, or the mutations are not reaching the parser.
    expect(outcomes.refusal).toBeGreaterThan(CASES_PER_SEED);
    expect(outcomes.finding).toBeGreaterThan(0);
  }, 240_000);
});
