// `imagegate check`: parse options, load settings, check the images, print/write the report, set the exit code.
// `imagegate audit` shares all of it but where the images come from (prepareCheckRun, loadRunSettings, checkTargets, writeReports).
import { appendFile, writeFile } from 'node:fs/promises';
import { UsageError } from '../core/errors.js';
import type { PhaseTimings } from '../engine/check-image.js';
import { checkOptions, checkSettings, type CheckedOptions, type CheckOptions, type OptionsCaller } from '../engine/check-options.js';
import type { FailOn } from '../core/finding.js';
import { runChecks } from '../engine/run-checks.js';
import { isReportFormat, renderReport, REPORT_FORMATS, type ReportFormat } from '../reporters/index.js';
import { wantsColor } from '../reporters/style.js';
import { reportWidth } from '../reporters/wrap.js';
import { describePackageContent } from '../reporters/package-content-text.js';
import { targetFor, type CheckTarget } from '../sources/targets.js';
import { Progress } from './progress.js';
import type { Waiver } from '../config/waivers.js';
import { defaultCacheDir } from '../cache/layer-cache.js';
import type { CheckSettings } from '../engine/check-image.js';
import type { Report } from '../engine/report.js';
import type { AttestationPlan } from '../attest/attestation-file.js';
import { attestationPlan, writeAttestationFile, type AttestOptions } from './attest-options.js';
import { plural } from '../core/plural.js';

/** The flags of `check` (and `audit`) as commander hands them over: text, as typed. */
export interface CheckFlags extends AttestOptions {
  policy?: string;
  budgets?: string;
  format: string;
  output?: string;
  failOn: string;
  concurrency: string;
  scanThreads?: string;
  platform?: string;
  allPlatforms?: boolean;
  insecureRegistry?: string[];
  report?: string[];
  quiet?: boolean;
  verbose?: boolean;
  compareTo?: string;
  baseline?: string;
  baseImage?: string;
  sizeReport?: boolean;
  timeout?: string;
  debug?: boolean;
  /** false with --no-cache. */
  cache?: boolean;
  cacheDir?: string;
  cacheMax?: string;
  /** --ignore: rule ids or secret fingerprints, reported as waived. */
  ignore?: string[];
  ignoreFile?: string;
  /** --dockerfile: where SARIF, GitHub and GitLab annotations of image-level findings point. */
  dockerfile?: string;
}

/** The flag of each check option, for errors. */
const FLAGS: { [K in keyof CheckOptions]-?: string } = {
  policy: '--policy',
  budgets: '--budgets',
  failOn: '--fail-on',
  concurrency: '--concurrency',
  scanThreads: '--scan-threads',
  platform: '--platform',
  allPlatforms: '--all-platforms',
  insecureRegistries: '--insecure-registry',
  timeoutSeconds: '--timeout',
  timeout: '--timeout',
  cacheDir: '--cache-dir',
  cacheMax: '--cache-max',
  compareTo: '--compare-to',
  baseline: '--baseline',
  baseImage: '--base-image',
  ignore: '--ignore',
  ignoreFile: '--ignore-file',
  rules: 'rules',
};

/** The check options the flags state, under the library's names; the CLI keeps a layer cache unless --no-cache. */
export function optionsFromFlags(flags: CheckFlags): CheckOptions {
  return definedOnly<CheckOptions>({
    policy: flags.policy,
    budgets: flags.budgets,
    failOn: flags.failOn as FailOn,
    concurrency: flags.concurrency,
    scanThreads: flags.scanThreads,
    platform: flags.platform,
    allPlatforms: flags.allPlatforms,
    insecureRegistries: flags.insecureRegistry,
    timeout: flags.timeout,
    cacheDir: flags.cache === false ? undefined : (flags.cacheDir ?? defaultCacheDir()),
    cacheMax: flags.cacheMax,
    compareTo: flags.compareTo,
    baseline: flags.baseline,
    baseImage: flags.baseImage,
    ignore: flags.ignore,
    ignoreFile: flags.ignoreFile,
  });
}

/** The CLI as a caller of the settings builder: flags in errors, project files found, cache warnings on stderr unless -q. */
export function cliCaller(flags: { quiet?: boolean }): OptionsCaller {
  return {
    name: (key) => FLAGS[key],
    discover: true,
    ignoreOrigin: { flag: '--ignore', reason: 'ignored on the command line' },
    onCacheWarning: (message) => void (flags.quiet || process.stderr.write(`imagegate: warning: ${message}\n`)),
  };
}

/** Flags checked and sources ready: what `check` and `audit` share before they know their images. */
export interface CheckRun {
  format: ReportFormat;
  extraReports: ExtraReport[];
  checked: CheckedOptions;
}

export interface ExtraReport {
  format: ReportFormat;
  file: string;
}

export async function runCheckCommand(images: string[], flags: CheckFlags): Promise<number> {
  const run = prepareCheckRun(flags);
  const references = images.map((image) => targetFor(image, run.checked.sources));
  const loaded = await loadRunSettings(run, flags);
  return checkTargets(references, loaded, flags);
}

/** Validates every flag a checking command takes (usage errors before any file is read or image touched) and sets up the sources. */
export function prepareCheckRun(flags: CheckFlags): CheckRun {
  const format = oneOf(flags.format, REPORT_FORMATS, '--format');
  const extraReports = (flags.report ?? []).map(parseReportOption);
  return { format, extraReports, checked: checkOptions(optionsFromFlags(flags), cliCaller(flags)) };
}

/** A run with its settings: policy, budgets, ignores, cache, baseline, and the attestation to write. */
export interface LoadedRun extends CheckRun {
  settings: CheckSettings;
  attestation: AttestationPlan | undefined;
}

/** Reads what the run rests on (files, keys) and measures the growth baseline; notes on stderr. */
export async function loadRunSettings(run: CheckRun, flags: CheckFlags): Promise<LoadedRun> {
  const attestation = await attestationPlan(flags);
  const settings = await checkSettings(run.checked);
  const { policy, budgets } = settings;
  if (flags.verbose || flags.debug) {
    const ignores = policy.waivers.filter((waiver) => waiver.origin !== undefined).length;
    process.stderr.write(`imagegate: policy ${policy.source}; budgets ${budgets.source}${ignores > 0 ? `; ${plural(ignores, 'ignore')}` : ''}\n`);
  }
  if (!flags.quiet) warnExpiredWaivers(policy.waivers, policy.source, settings.today);
  return { ...run, settings, attestation };
}

/** Checks the targets (report in target order), writes every report; returns the exit code. */
export async function checkTargets(references: CheckTarget[], run: LoadedRun, flags: CheckFlags): Promise<number> {
  const onError = flags.debug
    ? (reference: string, error: unknown) => void process.stderr.write(`imagegate: ${reference}: ${(error as Error).stack ?? String(error)}\n`)
    : undefined;
  const progress = flags.quiet ? undefined : new Progress(process.stderr, Boolean(process.stderr.isTTY));
  const onTiming =
    flags.debug || flags.verbose
      ? (reference: string, t: PhaseTimings) =>
          void process.stderr.write(
            `imagegate: ${reference}: resolved ${t.resolved} ms, first archive byte ${t.firstByte} ms, layers read ${t.layersRead} ms, rules done ${t.rulesDone} ms\n`,
          )
      : undefined;
  const settings: CheckSettings = { ...run.settings, ...definedOnly({ progress, onError, onTiming }) };
  let report;
  try {
    report = await runChecks(references, settings, run.checked.concurrency);
  } finally {
    progress?.stop();
  }
  const cache = settings.cache;
  if (cache && (flags.verbose || flags.debug)) {
    const { layerHits, layersWritten } = cache.stats;
    process.stderr.write(`imagegate: layer cache ${cache.dir}: ${plural(layerHits, 'layer')} reused, ${layersWritten} read and stored\n`);
  }
  if (flags.verbose || flags.debug) {
    for (const image of report.images) {
      const packages = describePackageContent(image.packageContent);
      if (packages) process.stderr.write(`imagegate: ${image.reference}: ${packages}\n`);
    }
  }
  await writeReports(report, {
    format: run.format,
    extraReports: run.extraReports,
    ...(flags.output !== undefined ? { output: flags.output } : {}),
    quiet: Boolean(flags.quiet),
    sizeReport: Boolean(flags.sizeReport),
    ...(flags.dockerfile !== undefined ? { dockerfile: flags.dockerfile } : {}),
  });
  if (run.attestation) await writeAttestationFile(report, run.attestation, Boolean(flags.quiet));
  if (run.format !== 'text' || flags.output !== undefined) sayWhyNotChecked(report);
  return report.summary.exitCode;
}

/**
 * A JSON or SARIF report on stdout, or any report in a file, holds why an image could not be
 * checked, but a CI log shows stderr: one line per such image there too, so an exit 2 is never
 * silent. Even with -q, which quiets notes, not failures.
 */
function sayWhyNotChecked(report: Report): void {
  for (const image of report.images) {
    if (image.error) process.stderr.write(`imagegate: ${image.reference}: could not be checked: ${image.error.message}\n`);
  }
}

/** The object without its undefined values: an option left out, not an option set to undefined. */
export function definedOnly<T extends object>(values: { [K in keyof T]?: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as T;
}

export interface ReportOutputs {
  format: ReportFormat;
  extraReports: readonly ExtraReport[];
  /** -o: the main report goes to this file instead of stdout. */
  output?: string;
  quiet: boolean;
  sizeReport: boolean;
  dockerfile?: string;
}

/** The report on stdout or -o, each --report TYPE=FILE, and in GitHub Actions the step summary. */
export async function writeReports(report: Report, outputs: ReportOutputs): Promise<void> {
  const { format, extraReports, output, quiet } = outputs;
  const color = !output && wantsColor(Boolean(process.stdout.isTTY), process.env);
  const dockerfile = outputs.dockerfile !== undefined ? { dockerfile: outputs.dockerfile } : {};
  const rendered = renderReport(format, report, {
    color,
    sizeReport: outputs.sizeReport,
    width: output ? 80 : reportWidth(process.stdout),
    ...dockerfile,
  });
  if (output) {
    await writeFile(output, rendered);
    if (!quiet) process.stderr.write(`imagegate: report written to ${output} (exit ${report.summary.exitCode})\n`);
  } else {
    process.stdout.write(rendered);
  }
  for (const extra of extraReports) {
    await writeFile(extra.file, renderReport(extra.format, report, dockerfile));
    if (!quiet) process.stderr.write(`imagegate: ${extra.format} report written to ${extra.file}\n`);
  }
  // In GitHub Actions the github format also leaves a summary table on the run page.
  if ((format === 'github' || extraReports.some((extra) => extra.format === 'github')) && process.env.GITHUB_STEP_SUMMARY) {
    await appendFile(process.env.GITHUB_STEP_SUMMARY, renderReport('markdown', report));
  }
}

/**
 * A past expiry is valid configuration (the waiver simply stops applying, and its finding says so),
 * but whoever owns the policy should hear about it before the findings surprise them.
 */
function warnExpiredWaivers(waivers: readonly Waiver[], source: string, today: string): void {
  waivers.forEach((waiver, i) => {
    if (waiver.expires !== undefined && waiver.expires < today) {
      process.stderr.write(
        `imagegate: warning: ${source}: waivers[${i}] (${waiver.rule ?? waiver.fingerprint}) expired on ${waiver.expires}; it no longer waives anything — renew it with a new reason or fix what it covered\n`,
      );
    }
  });
}

/** --report TYPE=FILE: one more report of another format, written in the same run. */
export function parseReportOption(value: string): ExtraReport {
  const eq = value.indexOf('=');
  const format = eq < 0 ? value : value.slice(0, eq);
  const file = eq < 0 ? '' : value.slice(eq + 1);
  if (!isReportFormat(format) || file === '')
    throw new UsageError(`--report takes TYPE=FILE with TYPE one of ${REPORT_FORMATS.join(', ')}; got "${value}"`);
  return { format, file };
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
}
