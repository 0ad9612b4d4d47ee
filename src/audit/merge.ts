// `imagegate merge`: the JSON reports of several shards as one report, summary recomputed.
import { z } from 'zod';
import { ConfigError, ImagegateError } from '../core/errors.js';
import { readJsonFile } from '../config/json-file.js';
import { validate } from '../config/zod-issues.js';
import { FAIL_ON_VALUES } from '../core/finding.js';
import type { ImageReport, Report, ReportRule } from '../engine/report.js';
import { summarize } from '../engine/run-checks.js';
import { compareText } from '../core/compare-text.js';

/** Reports that cannot be one report: different tool versions, --fail-on, policies, or the same image twice. */
export class MergeError extends ImagegateError {}

const severity = z.enum(['error', 'warning', 'info']);

// What merging and the summary rely on is checked; everything else an image carries is kept as it is.
const finding = z.looseObject({
  ruleId: z.string(),
  messageId: z.string(),
  severity,
  message: z.string(),
  location: z.looseObject({}),
  waived: z.looseObject({ reason: z.string(), expires: z.string().optional(), expired: z.boolean() }).optional(),
});

const image = z.looseObject({
  reference: z.string(),
  normalizedReference: z.string().optional(),
  platform: z.string().optional(),
  passed: z.boolean(),
  findings: z.array(finding),
  error: z.looseObject({ message: z.string() }).optional(),
});

const rule = z.looseObject({ id: z.string(), category: z.string(), severity, description: z.string(), docsUrl: z.string() });

const reportSchema = z.looseObject({
  version: z.literal(1),
  tool: z.looseObject({ name: z.literal('imagegate'), version: z.string() }),
  rules: z.array(rule),
  images: z.array(image),
  summary: z.looseObject({ failOn: z.enum(FAIL_ON_VALUES) }),
});

export interface ReportFile {
  file: string;
  report: Report;
}

export async function readReportFile(file: string): Promise<ReportFile> {
  return { file, report: parseReport(await readJsonFile(file), file) };
}

/** A JSON report of imagegate (check, audit or merge --format json), or a ConfigError naming the file. */
export function parseReport(value: unknown, file: string): Report {
  const tool = (value as { tool?: { name?: unknown } } | null)?.tool;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || tool?.name !== 'imagegate') {
    throw new ConfigError([{ file, path: '', message: 'not an imagegate JSON report (write one with --format json or --report json=FILE)' }]);
  }
  const result = validate(reportSchema, value, file);
  if (!result.ok)
    throw new ConfigError(result.issues.map((issue) => ({ ...issue, message: `${issue.message} (not a complete imagegate JSON report)` })));
  return result.data as unknown as Report;
}

export function mergeReports(inputs: readonly ReportFile[]): Report {
  const first = inputs[0];
  if (!first) throw new MergeError('merge needs at least one report');
  const version = first.report.tool.version;
  const failOn = first.report.summary.failOn;
  for (const { file, report } of inputs) {
    if (report.tool.version !== version) {
      throw new MergeError(
        `${file} was written by imagegate ${report.tool.version}, ${first.file} by ${version}; merge reports of one version (run every shard with the same imagegate)`,
      );
    }
    if (report.summary.failOn !== failOn) {
      throw new MergeError(
        `${file} was checked with --fail-on ${report.summary.failOn}, ${first.file} with --fail-on ${failOn}; merge reports checked with the same --fail-on`,
      );
    }
  }
  const images = mergeImages(inputs);
  return { version: 1, tool: { name: 'imagegate', version }, rules: mergeRules(inputs), images, summary: summarize(images, failOn) };
}

/** The union of the rules evaluated, in the order they first appear; one rule at two severities means two policies. */
function mergeRules(inputs: readonly ReportFile[]): ReportRule[] {
  const rules = new Map<string, { rule: ReportRule; file: string }>();
  for (const { file, report } of inputs) {
    for (const rule of report.rules) {
      const seen = rules.get(rule.id);
      if (!seen) rules.set(rule.id, { rule, file });
      else if (seen.rule.severity !== rule.severity) {
        throw new MergeError(
          `rule ${rule.id} ran at severity ${rule.severity} in ${file} but ${seen.rule.severity} in ${seen.file}; merge reports checked with the same policy`,
        );
      }
    }
  }
  return [...rules.values()].map(({ rule }) => rule);
}

/** Every image, sorted by reference (then platform); the same image in two reports is a shard merged twice. */
function mergeImages(inputs: readonly ReportFile[]): ImageReport[] {
  const owner = new Map<string, string>();
  const images: ImageReport[] = [];
  for (const { file, report } of inputs) {
    const own = new Set<string>();
    for (const image of report.images) {
      const key = `${image.normalizedReference ?? image.reference}\u0000${image.platform ?? ''}`;
      const other = owner.get(key);
      if (other !== undefined && !own.has(key)) {
        throw new MergeError(
          `${image.reference}${image.platform ? ` (${image.platform})` : ''} is in both ${other} and ${file}; merge each shard's report once, from shards of one --shard i/n split`,
        );
      }
      owner.set(key, file);
      own.add(key);
      images.push(image);
    }
  }
  // Array.prototype.sort is stable: images that compare equal keep their input order.
  return images.sort((a, b) => compareText(a.reference, b.reference) || compareText(a.platform ?? '', b.platform ?? ''));
}
