// The library API: check images from code (e.g. a release-test suite) and get the same report the CLI prints.
import { checkOptions, checkSettings, LIBRARY_CALLER, type CheckOptions } from './engine/check-options.js';
import type { ImageReport, Report } from './engine/report.js';
import { runChecks } from './engine/run-checks.js';
import { targetFor } from './sources/targets.js';

export type { Finding, FindingLocation, MaskedSecret, Severity, FailOn } from './engine/finding.js';
export type { ImageReport, Report, ReportSummary } from './engine/report.js';
export type { ImageErrorCode } from './engine/error-codes.js';
export type { CheckOptions } from './engine/check-options.js';
export type { PolicyDocument, RuleEntry, WaiverEntry } from './config/policy.js';
export type { BudgetsDocument, BudgetEntry } from './config/budgets.js';
export { formatJson } from './reporters/json.js';
export { formatText } from './reporters/text.js';
export { renderReport, REPORT_FORMATS, type ReportFormat, type RenderOptions } from './reporters/index.js';
export { rules } from './rules/index.js';

/** Every option is checked before anything is read; an error names the option's key. */
export async function checkImages(references: string[], options: CheckOptions = {}): Promise<Report> {
  const checked = checkOptions(options, LIBRARY_CALLER);
  const targets = references.map((text) => targetFor(text, checked.sources));
  return runChecks(targets, await checkSettings(checked), checked.concurrency);
}

export async function checkImage(reference: string, options: CheckOptions = {}): Promise<ImageReport> {
  const report = await checkImages([reference], options);
  return report.images[0]!;
}
