// `imagegate check`: parse options, load settings, check the images, print/write the report, set the exit code.
// `imagegate audit` shares all of it but where the images come from (prepareCheckRun, checkTargets, writeReports).
import { appendFile, writeFile } from 'node:fs/promises';
import { UsageError } from '../core/errors.js';
import type { PhaseTimings } from '../engine/check-image.js';
import { FAIL_ON_VALUES, type FailOn } from '../core/finding.js';
import { runChecks } from '../engine/run-checks.js';
import { todayUtc } from '../engine/waivers.js';
import { isReportFormat, renderReport, REPORT_FORMATS, type ReportFormat } from '../reporters/index.js';
import { wantsColor } from '../reporters/style.js';
import { reportWidth } from '../reporters/wrap.js';
import { describePackageContent } from '../reporters/package-content-text.js';
import { targetFor, type CheckTarget, type TargetOptions } from '../sources/targets.js';
import { Progress } from './progress.js';
import { baselineFromReport } from '../engine/baseline.js';
import { measureBaseline } from '../engine/measure.js';
import { hostPlatform, parsePlatform, type Platform } from '../image/platform.js';
import { lazySources } from '../sources/lazy-sources.js';
import { parseDuration } from '../config/duration.js';
import { loadSettings } from '../engine/load-settings.js';
import type { Waiver } from '../config/waivers.js';
import type { Policy } from '../config/policy.js';
import { parseSize } from '../config/size.js';
import { defaultCacheDir, LayerCache } from '../cache/layer-cache.js';
import { cacheFingerprint } from '../cache/fingerprint.js';
import type { Report } from '../engine/report.js';
import { attestationPlan, writeAttestationFile, type AttestOptions } from './attest-options.js';

export interface CheckOptions extends AttestOptions {
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

/** Flags checked and sources ready: what `check` and `audit` share before they know their images. */
export interface CheckRun {
  format: ReportFormat;
  extraReports: ExtraReport[];
  failOn: FailOn;
  concurrency: number;
  scanThreads?: number;
  platform: Platform;
  /** --timeout, when given. */
  timeoutMs?: number;
  sources: TargetOptions;
}

export interface ExtraReport {
  format: ReportFormat;
  file: string;
}

export async function runCheckCommand(images: string[], options: CheckOptions): Promise<number> {
  const run = prepareCheckRun(options);
  const references = images.map((image) => targetFor(image, run.sources));
  return checkTargets(references, run, options);
}

/** Validates the flags every checking command takes (usage errors before anything is read) and sets up the sources. */
export function prepareCheckRun(options: CheckOptions): CheckRun {
  const format = oneOf(options.format, REPORT_FORMATS, '--format');
  const extraReports = (options.report ?? []).map(parseReportOption);
  const failOn = oneOf(options.failOn, FAIL_ON_VALUES, '--fail-on');
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency must be a whole number of at least 1, got "${options.concurrency}"`);
  const scanThreads = options.scanThreads === undefined ? undefined : Number(options.scanThreads);
  if (scanThreads !== undefined && (!Number.isInteger(scanThreads) || scanThreads < 0 || scanThreads > 64)) {
    throw new UsageError(`--scan-threads must be a whole number from 0 to 64, got "${options.scanThreads}"`);
  }
  if (options.platform && options.allPlatforms) throw new UsageError('--platform and --all-platforms exclude each other');
  const platform = options.platform ? parsePlatform(options.platform) : hostPlatform();
  const timeoutMs = options.timeout !== undefined ? parseDuration(options.timeout, '--timeout') : undefined;
  const sources = lazySources({ insecureHosts: options.insecureRegistry ?? [], ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
  return { format, extraReports, failOn, concurrency, platform, sources, ...(scanThreads !== undefined ? { scanThreads } : {}), ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
}

/** Loads policy and budgets, checks the targets (report in target order), writes every report; returns the exit code. */
export async function checkTargets(references: CheckTarget[], run: CheckRun, options: CheckOptions): Promise<number> {
  const { failOn, platform, scanThreads, sources } = run;
  const { policy, budgets } = await loadSettings({ ...options, discover: true });
  if (options.verbose || options.debug) {
    const ignores = policy.waivers.filter((waiver) => waiver.origin !== undefined).length;
    process.stderr.write(`imagegate: policy ${policy.source}; budgets ${budgets.source}${ignores > 0 ? `; ${ignores} ignore(s)` : ''}\n`);
  }
  const attestation = await attestationPlan(options);
  const today = todayUtc();
  if (!options.quiet) warnExpiredWaivers(policy.waivers, policy.source, today);
  if (options.compareTo && options.baseline) throw new UsageError('--compare-to and --baseline exclude each other');
  const baselineFor = options.baseline
    ? await baselineFromReport(options.baseline)
    : options.compareTo
      ? await measureBaseline(targetFor(options.compareTo, sources), { policy, budgets, platform })
      : undefined;

  const onError = options.debug ? (reference: string, error: unknown) => void process.stderr.write(`imagegate: ${reference}: ${(error as Error).stack ?? String(error)}\n`) : undefined;
  const progress = options.quiet ? undefined : new Progress(process.stderr, Boolean(process.stderr.isTTY));
  const onTiming = options.debug || options.verbose
    ? (reference: string, t: PhaseTimings) =>
        void process.stderr.write(`imagegate: ${reference}: resolved ${t.resolved} ms, first archive byte ${t.firstByte} ms, layers read ${t.layersRead} ms, rules done ${t.rulesDone} ms\n`)
    : undefined;
  const cache = options.cache === false ? undefined : openCache(policy, options);
  const settings = { policy, budgets, failOn, platform, allPlatforms: Boolean(options.allPlatforms), today, ...(cache ? { cache } : {}), ...(baselineFor ? { baselineFor } : {}), ...(progress ? { progress } : {}), ...(onError ? { onError } : {}), ...(onTiming ? { onTiming } : {}), ...(scanThreads !== undefined ? { scanThreads } : {}) };
  let report;
  try {
    report = await runChecks(references, settings, run.concurrency);
  } finally {
    progress?.stop();
    await cache?.evict();
  }
  if (cache && (options.verbose || options.debug)) {
    const { layerHits, layersWritten } = cache.stats;
    process.stderr.write(`imagegate: layer cache ${cache.dir}: ${layerHits} layer(s) reused, ${layersWritten} read and stored\n`);
  }
  if (options.verbose || options.debug) {
    for (const image of report.images) {
      const packages = describePackageContent(image.packageContent);
      if (packages) process.stderr.write(`imagegate: ${image.reference}: ${packages}\n`);
    }
  }
  await writeReports(report, { format: run.format, extraReports: run.extraReports, ...(options.output !== undefined ? { output: options.output } : {}), quiet: Boolean(options.quiet), sizeReport: Boolean(options.sizeReport), ...(options.dockerfile !== undefined ? { dockerfile: options.dockerfile } : {}) });
  if (attestation) await writeAttestationFile(report, attestation, Boolean(options.quiet));
  return report.summary.exitCode;
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
  const rendered = renderReport(format, report, { color, sizeReport: outputs.sizeReport, width: output ? 80 : reportWidth(process.stdout), ...dockerfile });
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

function openCache(policy: Policy, options: CheckOptions): LayerCache {
  return new LayerCache({
    dir: options.cacheDir ?? defaultCacheDir(),
    fingerprint: cacheFingerprint(policy),
    maxBytes: parseSize(options.cacheMax ?? '2GiB'),
    onWarning: (message) => void (options.quiet || process.stderr.write(`imagegate: warning: ${message}\n`)),
  });
}

/**
 * A past expiry is valid configuration (the waiver simply stops applying, and its finding says so),
 * but whoever owns the policy should hear about it before the findings surprise them.
 */
function warnExpiredWaivers(waivers: readonly Waiver[], source: string, today: string): void {
  waivers.forEach((waiver, i) => {
    if (waiver.expires !== undefined && waiver.expires < today) {
      process.stderr.write(`imagegate: warning: ${source}: waivers[${i}] (${waiver.rule ?? waiver.fingerprint}) expired on ${waiver.expires}; it no longer waives anything — renew it with a new reason or fix what it covered\n`);
    }
  });
}

/** --report TYPE=FILE: one more report of another format, written in the same run. */
export function parseReportOption(value: string): ExtraReport {
  const eq = value.indexOf('=');
  const format = eq < 0 ? value : value.slice(0, eq);
  const file = eq < 0 ? '' : value.slice(eq + 1);
  if (!isReportFormat(format) || file === '') throw new UsageError(`--report takes TYPE=FILE with TYPE one of ${REPORT_FORMATS.join(', ')}; got "${value}"`);
  return { format, file };
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
}
