// Schema for policy waivers: time-boxed, justified exceptions to a rule for matching findings.
import { z } from 'zod';
import { describeValue } from './describe.js';
import { didYouMean } from './suggest.js';

export interface Waiver {
  /** Policy waivers always name a rule; an ignore (src/config/ignores.ts) may name only a fingerprint. */
  rule?: string;
  reason: string;
  /** YYYY-MM-DD. Past dates are valid config: the engine reports the waiver as expired instead. Policy waivers require it; ignores may go without. */
  expires?: string;
  /** Where an ignore came from ("--ignore", ".imagegateignore:3"), for the report. */
  origin?: string;
  /** Glob over the image reference (as written or normalized). */
  image?: string;
  /** Glob over the file path inside the image. */
  path?: string;
  /** Lower-case hex prefix of a secret's fingerprint. */
  fingerprint?: string;
  envKey?: string;
  label?: string;
}

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Rejects 2027-02-30 and friends, which `new Date()` would silently roll over into March. */
export function isCalendarDate(text: string): boolean {
  const match = DATE_SHAPE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const expiresSchema = z.string().refine(isCalendarDate, {
  error: (issue) =>
    typeof issue.input === 'string' && DATE_SHAPE.test(issue.input)
      ? `${describeValue(issue.input)} is not a real calendar date`
      : `expected a date like "2027-03-31" (YYYY-MM-DD), got ${describeValue(issue.input)}`,
});

// A prefix shorter than this would likely waive unrelated secrets along with the intended one.
export const MIN_FINGERPRINT = 6;
const fingerprintSchema = z
  .string()
  .regex(new RegExp(`^[0-9a-fA-F]{${MIN_FINGERPRINT},}$`), {
    error: (issue) => `expected at least ${MIN_FINGERPRINT} hex characters of the fingerprint shown in the report, got ${describeValue(issue.input)}`,
  })
  .transform((hex) => hex.toLowerCase());

const matcher = z.string().min(1).optional();

/** The waiver schema for a given set of rule ids (waivers naming an unknown rule are mistakes). */
/** A waiver as written in a policy's `waivers`. */
export type WaiverEntry = z.input<ReturnType<typeof waiverSchema>>;

export function waiverSchema(ruleIds: readonly string[]) {
  return z.strictObject({
    rule: z.string().refine((id) => ruleIds.includes(id), {
      error: (issue) => `unknown rule ${describeValue(issue.input)}${didYouMean(String(issue.input), ruleIds)}`,
    }),
    reason: z.string().trim().min(1),
    expires: expiresSchema,
    image: matcher,
    path: matcher,
    fingerprint: fingerprintSchema.optional(),
    envKey: matcher,
    label: matcher,
  });
}
