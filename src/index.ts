// The library API: check images from code (e.g. a release-test suite) and get the same report the CLI prints.
import { parseBudgets, type Budgets } from './config/budgets.js';
import { parsePolicy, type Policy } from './config/policy.js';
import { loadSettings, ruleConfigInfo } from './engine/load-settings.js';
import type { FailOn } from './core/finding.js';
import type { ImageReport, Report } from './engine/report.js';
import { runChecks } from './engine/run-checks.js';
import { todayUtc } from './engine/waivers.js';
import { hostPlatform, parsePlatform } from './image/platform.js';
import { targetFor } from './sources/targets.js';
import { lazySources } from './sources/lazy-sources.js';
import { LayerCache } from './cache/layer-cache.js';
import { cacheFingerprint } from './cache/fingerprint.js';
import { UsageError } from './core/errors.js';
import { ignoresFromFlags } from './config/ignores.js';
import { baselineFromReport } from './engine/baseline.js';
import { measureBaseline } from './engine/measure.js';

export type { Finding, FindingLocation, MaskedSecret, Severity, FailOn } from './core/finding.js';
export type { ImageReport, Report, ReportSummary } from './engine/report.js';
export type { ImageErrorCode } from './engine/error-codes.js';
export { formatJson } from './reporters/json.js';
export { formatText } from './reporters/text.js';
export { renderReport, REPORT_FORMATS, type ReportFormat, type RenderOptions } from './reporters/index.js';
export { rules } from './rules/index.js';

export interface CheckOptions {
  /** A policy file path or the policy document itself; default: the shipped policies/default.json. */
  policy?: string | object;
  /** A budgets file path or the document itself; default: ./budgets.json when present. */
  budgets?: string | object;
  /** Lowest severity that fails; default "error". */
  failOn?: FailOn;
  /** Images checked at once; default 2. */
  concurrency?: number;
  /** Worker threads scanning file contents for secrets; 0 scans on the calling thread. Default: cores - 2, at most 4. */
  scanThreads?: number;
  /** "os/arch[/variant]" to pick from multi-platform images; default: this machine's. */
  platform?: string;
  /** Check each platform of multi-platform images as its own image. */
  allPlatforms?: boolean;
  /** Registries (host or host:port) reached over plain HTTP; loopback hosts always are. */
  insecureRegistries?: string[];
  /** Longest silence from an engine or registry, in seconds, before an image fails (default 300). */
  timeoutSeconds?: number;
  /** Layer cache directory; layers recorded there are not read again. Default: no cache (the CLI uses one by default). */
  cacheDir?: string;
  /** Budgets' maxGrowth is measured against this image (any reference checkImages takes), like --compare-to. */
  compareTo?: string;
  /** Budgets' maxGrowth is measured against the images of a previous JSON report (a file path), like --baseline. */
  baseline?: string;
  /** Rule ids or secret fingerprints whose findings are waived, like --ignore. */
  ignore?: string[];
}

export async function checkImages(references: string[], options: CheckOptions = {}): Promise<Report> {
  const sources = lazySources({ insecureHosts: options.insecureRegistries ?? [], ...(options.timeoutSeconds !== undefined ? { timeoutMs: options.timeoutSeconds * 1000 } : {}) });
  const parsed = references.map((text) => targetFor(text, sources));
  const platform = options.platform ? parsePlatform(options.platform) : hostPlatform();
  const { policy, budgets } = await resolveSettings(options);
  if (options.compareTo !== undefined && options.baseline !== undefined) throw new UsageError('compareTo and baseline exclude each other');
  const baselineFor = options.baseline !== undefined
    ? await baselineFromReport(options.baseline)
    : options.compareTo !== undefined
      ? await measureBaseline(targetFor(options.compareTo, sources), { policy, budgets, platform })
      : undefined;
  const cache = options.cacheDir ? new LayerCache({ dir: options.cacheDir, fingerprint: cacheFingerprint(policy) }) : undefined;
  const settings = { policy, budgets, failOn: options.failOn ?? 'error', platform, allPlatforms: options.allPlatforms ?? false, today: todayUtc(), ...(cache ? { cache } : {}), ...(baselineFor ? { baselineFor } : {}), ...(options.scanThreads !== undefined ? { scanThreads: options.scanThreads } : {}) };
  try {
    return await runChecks(parsed, settings, options.concurrency ?? 2);
  } finally {
    await cache?.evict();
  }
}

export async function checkImage(reference: string, options: CheckOptions = {}): Promise<ImageReport> {
  const report = await checkImages([reference], options);
  return report.images[0]!;
}

async function resolveSettings(options: CheckOptions): Promise<{ policy: Policy; budgets: Budgets }> {
  const fromFiles = await loadSettings({
    ...(typeof options.policy === 'string' ? { policy: options.policy } : {}),
    ...(typeof options.budgets === 'string' ? { budgets: options.budgets } : {}),
  });
  const ignores = ignoresFromFlags(options.ignore ?? [], ruleConfigInfo().map((rule) => rule.id), { flag: 'ignore:', reason: 'ignored by the caller' });
  const policy = typeof options.policy === 'object' ? parsePolicy(options.policy, '<object>', ruleConfigInfo()) : fromFiles.policy;
  return {
    policy: { ...policy, waivers: [...policy.waivers, ...ignores] },
    budgets: typeof options.budgets === 'object' ? parseBudgets(options.budgets, '<object>') : fromFiles.budgets,
  };
}
