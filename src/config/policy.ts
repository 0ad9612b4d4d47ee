// Loads and validates the policy file: which rules run, how severe they are, their options, and waivers.
import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../core/errors.js';
import { readJsonFile } from './json-file.js';
import { resolveRuleSettings, type RuleConfigInfo, type RuleEntry, type RuleSetting } from './rule-settings.js';
import { waiverSchema, type Waiver, type WaiverEntry } from './waivers.js';
import { validate } from './zod-issues.js';

export type { RuleConfigInfo, RuleEntry, RuleSetting } from './rule-settings.js';
export type { Waiver, WaiverEntry } from './waivers.js';

export interface Policy {
  /** File path, or '<object>' when built from an in-memory value. */
  source: string;
  rules: Record<string, RuleSetting>;
  waivers: Waiver[];
}

// Only the document's outline; rule entries and waivers are validated separately so that an unknown
// top-level key does not hide their problems (every issue is reported in one go).
const documentSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Free text for people (imagegate init writes its explanations here). */
  $comment: z.union([z.string(), z.array(z.string())]).optional(),
  rules: z.record(z.string(), z.unknown()).optional(),
  waivers: z.array(z.unknown()).optional(),
});

/** A policy document as written (imagegate.policy.json, or the object handed to the library's `policy`): the schema's input, rule entries and waivers made precise. */
export type PolicyDocument = Omit<z.input<typeof documentSchema>, 'rules' | 'waivers'> & {
  rules?: Record<string, RuleEntry>;
  waivers?: WaiverEntry[];
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates a parsed policy document. Throws a ConfigError listing every issue found. */
export function parsePolicy(input: unknown, source: string, rules: RuleConfigInfo[]): Policy {
  const issues: ConfigIssue[] = [];
  const outline = validate(documentSchema, input, source);
  if (!outline.ok) issues.push(...outline.issues);

  const raw = isPlainObject(input) ? input : {};
  const writtenRules = isPlainObject(raw.rules) ? raw.rules : {};
  const settings = resolveRuleSettings(writtenRules, rules, source, issues);

  let waivers: Waiver[] = [];
  if (Array.isArray(raw.waivers)) {
    const ids = rules.map((rule) => rule.id);
    const parsed = validate(z.array(waiverSchema(ids)), raw.waivers, source, ['waivers']);
    if (parsed.ok) waivers = parsed.data;
    else issues.push(...parsed.issues);
  }

  // A gate that checks nothing passes everything: almost certainly a mistake (a copied "off" list,
  // a bad merge), and one CI would never notice. Refuse it loudly instead.
  if (rules.length > 0 && rules.every((rule) => settings[rule.id]?.enabled === false)) {
    issues.push({
      file: source,
      path: 'rules',
      message: `turns off every rule (${rules.length} of ${rules.length}), so imagegate would check nothing and pass every image; turn at least one rule back on`,
    });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return { source, rules: settings, waivers };
}

/** Reads, parses and validates a policy file; every failure is a ConfigError naming the file. */
export async function loadPolicyFile(path: string, rules: RuleConfigInfo[]): Promise<Policy> {
  return parsePolicy(await readJsonFile(path), path, rules);
}
