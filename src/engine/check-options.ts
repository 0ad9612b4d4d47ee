// The one settings builder: the library (checkImages) and the CLI (check, audit) turn the same
// CheckOptions into a run. Every option is checked first, with no file read and no image touched,
// and an error names the option as its caller spells it: the CLI's flag, the library's key.
import { LayerCache } from '../cache/layer-cache.js';
import { cacheFingerprint } from '../cache/fingerprint.js';
import { parseDuration } from '../config/duration.js';
import { UsageError } from '../core/errors.js';
import type { Policy, PolicyDocument } from '../config/policy.js';
import type { BudgetsDocument } from '../config/budgets.js';
import { parseSize } from '../config/size.js';
import { hostPlatform, parsePlatform, type Platform } from '../image/platform.js';
import type { RuleDefinition } from '../rules/define-rule.js';
import { rules as catalog } from '../rules/index.js';
import { lazySources, type RunSources } from '../sources/lazy-sources.js';
import { targetFor, type CheckTarget } from '../sources/targets.js';
import { baselineFromReport } from './baseline.js';
import { baseImageLayers } from './base-image-layers.js';
import type { CheckSettings } from './check-image.js';
import { FAIL_ON_VALUES, type FailOn } from '../core/finding.js';
import { loadSettings, type IgnoreOrigin } from './load-settings.js';
import { measureBaseline } from './measure.js';
import { todayUtc } from './waivers.js';

/** What a check takes, from code or from the command line (where numbers and sizes arrive as text). */
export interface CheckOptions {
  /** A policy file path or the policy document itself; default: the shipped policies/default.json. */
  policy?: string | PolicyDocument;
  /** A budgets file path or the document itself; default: ./budgets.json when present. */
  budgets?: string | BudgetsDocument;
  /** Lowest severity that fails; default "error". */
  failOn?: FailOn;
  /** Images checked at once; default 2. */
  concurrency?: number | string;
  /** Worker threads scanning file contents for secrets, 0 to 64; 0 scans on the calling thread. Default: cores - 2, at most 4. */
  scanThreads?: number | string;
  /** "os/arch[/variant]" to pick from multi-platform images; default: this machine's. */
  platform?: string;
  /** Check each platform of multi-platform images as its own image. */
  allPlatforms?: boolean;
  /** Registries (host or host:port) reached over plain HTTP; loopback hosts always are. */
  insecureRegistries?: string[];
  /** Longest silence from an engine or registry, in seconds, before an image fails (default 300). */
  timeoutSeconds?: number;
  /** The same as a duration: "90s", "10m", "300" (seconds). */
  timeout?: string;
  /** Layer cache directory; layers recorded there are not read again. Default: no cache (the CLI uses one by default). */
  cacheDir?: string;
  /** Bound on the layer cache's size on disk: "2GiB", or bytes; default 2 GiB. */
  cacheMax?: string | number;
  /** Budgets' maxGrowth is measured against this image (any reference checkImages takes), like --compare-to. */
  compareTo?: string;
  /** Budgets' maxGrowth is measured against the images of a previous JSON report (a file path), like --baseline. */
  baseline?: string;
  /** The image the checked ones were built on (any reference checkImages takes), like --base-image: findings in its layers say they come from it. */
  baseImage?: string;
  /** Rule ids or secret fingerprints whose findings are waived, like --ignore. */
  ignore?: string[];
  /** An ignore file (one rule id or fingerprint a line, a reason after #), like --ignore-file. */
  ignoreFile?: string;
  /** Only these rules run (ids, as `imagegate rules` lists them); default: every rule the policy enables. */
  rules?: string[];
}

/** Who is asking: how it names an option in an error, and the defaults it brings. */
export interface OptionsCaller {
  /** The CLI's flag (--cache-max), the library's key (cacheMax). */
  name: (key: keyof CheckOptions) => string;
  /** The CLI's defaults: imagegate.policy.json and .imagegateignore in the working directory or the repository root. */
  discover?: boolean;
  /** How a waiver made by `ignore` names where it came from. */
  ignoreOrigin: IgnoreOrigin;
  /** Problems of the layer cache that do not stop the check (it goes on without the cache). */
  onCacheWarning?: (message: string) => void;
}

export const LIBRARY_CALLER: OptionsCaller = { name: (key) => key, ignoreOrigin: { flag: 'ignore:', reason: 'ignored by the caller' } };

/** Every option checked, none of it read from disk yet: the first half of building a run. */
export interface CheckedOptions {
  options: CheckOptions;
  caller: OptionsCaller;
  failOn: FailOn;
  concurrency: number;
  scanThreads?: number;
  platform: Platform;
  allPlatforms: boolean;
  timeoutMs?: number;
  cacheMaxBytes?: number;
  rules: readonly RuleDefinition<unknown, string>[];
  /** One engine connection and one client per registry for the whole run, made when first needed. */
  sources: RunSources;
  compareTo?: CheckTarget;
  baseImage?: CheckTarget;
}

/** The options alone: usage errors, before any file is read or any image touched. */
export function checkOptions(options: CheckOptions, caller: OptionsCaller): CheckedOptions {
  const name = caller.name;
  const failOn = options.failOn ?? 'error';
  if (!FAIL_ON_VALUES.includes(failOn))
    throw new UsageError(`${name('failOn')} must be one of ${FAIL_ON_VALUES.join(', ')}; got "${String(failOn)}"`);
  const concurrency = wholeNumber(options.concurrency ?? 2, 1, Infinity);
  if (concurrency === undefined)
    throw new UsageError(`${name('concurrency')} must be a whole number of at least 1, got "${String(options.concurrency)}"`);
  const scanThreads = options.scanThreads === undefined ? undefined : wholeNumber(options.scanThreads, 0, 64);
  if (options.scanThreads !== undefined && scanThreads === undefined)
    throw new UsageError(`${name('scanThreads')} must be a whole number from 0 to 64, got "${String(options.scanThreads)}"`);
  if (options.platform && options.allPlatforms) throw new UsageError(`${name('platform')} and ${name('allPlatforms')} exclude each other`);
  const platform = options.platform ? named(() => parsePlatform(options.platform!), '--platform', name('platform')) : hostPlatform();
  if (options.timeout !== undefined && options.timeoutSeconds !== undefined)
    throw new UsageError(`${name('timeout')} and ${name('timeoutSeconds')} exclude each other`);
  const timeoutMs =
    options.timeout !== undefined
      ? parseDuration(options.timeout, name('timeout'))
      : options.timeoutSeconds !== undefined
        ? parseDuration(String(options.timeoutSeconds), name('timeoutSeconds'))
        : undefined;
  const cacheMaxBytes = options.cacheMax === undefined ? undefined : named(() => parseSize(options.cacheMax!), '', `${name('cacheMax')}: `);
  if (options.compareTo !== undefined && options.baseline !== undefined)
    throw new UsageError(`${name('compareTo')} and ${name('baseline')} exclude each other`);
  const rules = options.rules === undefined ? catalog : chosenRules(options.rules, name('rules'));
  const sources = lazySources({ insecureHosts: options.insecureRegistries ?? [], ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
  const compareTo = options.compareTo !== undefined ? named(() => targetFor(options.compareTo!, sources), '', `${name('compareTo')}: `) : undefined;
  const baseImage = options.baseImage !== undefined ? named(() => targetFor(options.baseImage!, sources), '', `${name('baseImage')}: `) : undefined;
  return {
    options,
    caller,
    failOn,
    concurrency,
    platform,
    allPlatforms: Boolean(options.allPlatforms),
    rules,
    sources,
    ...(scanThreads !== undefined ? { scanThreads } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(cacheMaxBytes !== undefined ? { cacheMaxBytes } : {}),
    ...(compareTo ? { compareTo } : {}),
    ...(baseImage ? { baseImage } : {}),
  };
}

/**
 * The second half: policy, budgets and ignores read (every problem of every file at once), the layer
 * cache opened, and the growth baseline read or measured — the first work on an image.
 */
export async function checkSettings(checked: CheckedOptions): Promise<CheckSettings> {
  const { options, caller } = checked;
  const { policy, budgets } = await loadSettings({
    ...(options.policy !== undefined ? { policy: options.policy } : {}),
    ...(options.budgets !== undefined ? { budgets: options.budgets } : {}),
    ...(options.ignore !== undefined ? { ignore: options.ignore } : {}),
    ...(options.ignoreFile !== undefined ? { ignoreFile: options.ignoreFile } : {}),
    ...(caller.discover ? { discover: true } : {}),
    ignoreOrigin: caller.ignoreOrigin,
  });
  const base = { rules: checked.rules, policy, budgets, platform: checked.platform };
  const baselineFor =
    options.baseline !== undefined
      ? await baselineFromReport(options.baseline)
      : checked.compareTo
        ? await measureBaseline(checked.compareTo, base, caller.name('compareTo'))
        : undefined;
  const baseImage = checked.baseImage ? await baseImageLayers(checked.baseImage, base, caller.name('baseImage')) : undefined;
  const cache = options.cacheDir !== undefined ? openCache(options.cacheDir, policy, checked) : undefined;
  return {
    ...base,
    failOn: checked.failOn,
    allPlatforms: checked.allPlatforms,
    today: todayUtc(),
    ...(cache ? { cache } : {}),
    ...(baselineFor ? { baselineFor } : {}),
    ...(baseImage ? { baseImage } : {}),
    ...(checked.scanThreads !== undefined ? { scanThreads: checked.scanThreads } : {}),
  };
}

function openCache(dir: string, policy: Policy, checked: CheckedOptions): LayerCache {
  const warn = checked.caller.onCacheWarning;
  return new LayerCache({
    dir,
    fingerprint: cacheFingerprint(fingerprintPolicy(policy, checked.rules)),
    ...(checked.cacheMaxBytes !== undefined ? { maxBytes: checked.cacheMaxBytes } : {}),
    ...(warn ? { onWarning: warn } : {}),
  });
}

/** Records made while only some rules ran hold only their memos: the fingerprint counts the rules left out as off. */
function fingerprintPolicy(policy: Policy, chosen: readonly RuleDefinition<unknown, string>[]): Policy {
  if (chosen === catalog) return policy;
  const ids = new Set(chosen.map((rule) => rule.id));
  return {
    ...policy,
    rules: Object.fromEntries(Object.entries(policy.rules).map(([id, setting]) => [id, ids.has(id) ? setting : { ...setting, enabled: false }])),
  };
}

function chosenRules(ids: readonly string[], option: string): readonly RuleDefinition<unknown, string>[] {
  if (!Array.isArray(ids)) throw new UsageError(`${option} takes a list of rule ids; got ${JSON.stringify(ids)}`);
  const unknown = ids.filter((id) => !catalog.some((rule) => rule.id === id));
  if (unknown.length > 0)
    throw new UsageError(
      `${option}: no rule ${unknown.map((id) => `"${id}"`).join(', ')}; imagegate rules lists them (${catalog.map((rule) => rule.id).join(', ')})`,
    );
  return catalog.filter((rule) => ids.includes(rule.id));
}

/** A whole number in [min, max], given as a number or as its text; undefined when it is not one. */
function wholeNumber(value: number | string, min: number, max: number): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isInteger(number) && number >= min && number <= max ? number : undefined;
}

/** A parser's usage error spoken in the caller's name for the option (it may name the CLI's flag, or nothing). */
function named<T>(parse: () => T, spelled: string, as: string): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const message = spelled !== '' && error.message.startsWith(spelled) ? `${as}${error.message.slice(spelled.length)}` : `${as}${error.message}`;
    throw new UsageError(message, { cause: error });
  }
}
