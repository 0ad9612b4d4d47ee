// Resolves the `rules` section of a policy into one enabled/severity/options setting per known rule.
import { z } from 'zod';
import type { Severity } from '../engine/finding.js';
import type { ConfigIssue } from './errors.js';
import { describeValue, listAlternatives } from './describe.js';
import { didYouMean } from './suggest.js';
import { formatPath, validate } from './zod-issues.js';

/** What the config layer needs to know about a rule; the rules module supplies one per rule. */
export interface RuleConfigInfo {
  id: string;
  defaultSeverity: Severity;
  optionsSchema?: z.ZodType;
  defaultOptions?: unknown;
}

export interface RuleSetting {
  enabled: boolean;
  severity: Severity;
  /** Parsed by the rule's schema, so defaults and transforms are applied; defaultOptions when none given. */
  options: unknown;
}

export const SEVERITIES = ['error', 'warning', 'info'] as const satisfies readonly Severity[];
const ENTRY_STRINGS = ['off', ...SEVERITIES];
const ENTRY_FORMS = `"off", a severity (${listAlternatives(SEVERITIES)}) or an object`;

const entryObjectSchema = z.strictObject({
  enabled: z.boolean().optional(),
  severity: z.enum(SEVERITIES).optional(),
  options: z.unknown().optional(),
});

/** A rule's entry in a policy's `rules` as written: "off", a severity, or an object (options are checked by the rule's own schema). */
export type RuleEntry = 'off' | Severity | z.input<typeof entryObjectSchema>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Options a rule runs with when the policy gives none. */
function defaultOptionsFor(info: RuleConfigInfo): unknown {
  if (!info.optionsSchema) return info.defaultOptions;
  if (info.defaultOptions !== undefined) {
    const parsed = info.optionsSchema.safeParse(info.defaultOptions);
    // Shipped defaults that fail their own schema are a programming error, not a user's config problem.
    if (!parsed.success) throw new Error(`rule ${info.id}: defaultOptions do not match its options schema`);
    return parsed.data;
  }
  // Schemas with their own `.default(…)` produce options from nothing; others leave them undefined.
  const parsed = info.optionsSchema.safeParse(undefined);
  return parsed.success ? parsed.data : undefined;
}

function defaultSetting(info: RuleConfigInfo): RuleSetting {
  return { enabled: true, severity: info.defaultSeverity, options: defaultOptionsFor(info) };
}

/** Validates options written for `info`; falls back to the default so later checks still see a value. */
function resolveOptions(info: RuleConfigInfo, written: unknown, file: string, issues: ConfigIssue[]): unknown {
  if (written === undefined) return defaultOptionsFor(info);
  const path = ['rules', info.id, 'options'];
  if (!info.optionsSchema) {
    issues.push({ file, path: formatPath(path), message: `rule "${info.id}" takes no options` });
    return undefined;
  }
  const result = validate(info.optionsSchema, written, file, path);
  if (result.ok) return result.data;
  issues.push(...result.issues);
  return defaultOptionsFor(info);
}

function resolveEntry(info: RuleConfigInfo, entry: unknown, file: string, issues: ConfigIssue[]): RuleSetting {
  const setting = defaultSetting(info);
  const path = formatPath(['rules', info.id]);
  if (typeof entry === 'string') {
    if (entry === 'off') return { ...setting, enabled: false };
    if ((SEVERITIES as readonly string[]).includes(entry)) return { ...setting, severity: entry as Severity };
    issues.push({ file, path, message: `expected ${ENTRY_FORMS}, got ${describeValue(entry)}${didYouMean(entry, ENTRY_STRINGS)}` });
    return setting;
  }
  if (!isPlainObject(entry)) {
    issues.push({ file, path, message: `expected ${ENTRY_FORMS}, got ${describeValue(entry)}` });
    return setting;
  }
  const parsed = validate(entryObjectSchema, entry, file, ['rules', info.id]);
  if (!parsed.ok) issues.push(...parsed.issues);
  // Options are checked even when a sibling key is wrong, so one run reports both problems.
  const options = resolveOptions(info, entry.options, file, issues);
  if (!parsed.ok) return setting;
  return { enabled: parsed.data.enabled ?? true, severity: parsed.data.severity ?? info.defaultSeverity, options };
}

/**
 * One setting for every known rule: listed rules as written, unlisted ones enabled at their default
 * severity with default options. Problems are appended to `issues`.
 */
export function resolveRuleSettings(
  written: Record<string, unknown>,
  rules: readonly RuleConfigInfo[],
  file: string,
  issues: ConfigIssue[],
): Record<string, RuleSetting> {
  const byId = new Map(rules.map((info) => [info.id, info]));
  for (const id of Object.keys(written)) {
    if (byId.has(id)) continue;
    const hint = didYouMean(id, byId.keys()) || `; known rules: ${[...byId.keys()].join(', ')}`;
    issues.push({ file, path: formatPath(['rules', id]), message: `unknown rule "${id}"${hint}` });
  }
  const settings: Record<string, RuleSetting> = {};
  for (const info of rules) {
    settings[info.id] = Object.hasOwn(written, info.id) ? resolveEntry(info, written[info.id], file, issues) : defaultSetting(info);
  }
  return settings;
}
