// Loads policy, budgets and ignores for a run, reporting the problems of every file together.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBudgetsFile, parseBudgets, type Budgets } from '../config/budgets.js';
import { ConfigError, type ConfigIssue } from '../core/errors.js';
import { DEFAULT_IGNORE_FILE, ignoresFromFlags, loadIgnoreFile } from '../config/ignores.js';
import { loadPolicyFile, parsePolicy, type Policy, type RuleConfigInfo } from '../config/policy.js';
import { rules } from '../rules/index.js';
import { PACKAGE_ROOT } from '../version.js';

export const DEFAULT_POLICY = fileURLToPath(new URL('policies/default.json', PACKAGE_ROOT));
/** The policy file a project keeps (imagegate init writes it), found without --policy. */
export const PROJECT_POLICY = 'imagegate.policy.json';
/** Budgets belong to the user's project, so the default is the one in the working directory. */
export const DEFAULT_BUDGETS = 'budgets.json';

export function ruleConfigInfo(): RuleConfigInfo[] {
  return rules.map((rule) => ({
    id: rule.id,
    defaultSeverity: rule.meta.defaultSeverity,
    ...(rule.optionsSchema ? { optionsSchema: rule.optionsSchema } : {}),
    defaultOptions: rule.defaultOptions,
  }));
}

/** How a waiver made by --ignore (or the library's `ignore`) names where it came from. */
export interface IgnoreOrigin {
  flag: string;
  reason: string;
}

export interface SettingsFiles {
  /** A file path, or the document itself (the library takes both). */
  policy?: string | object;
  budgets?: string | object;
  /** --ignore: rule ids or secret fingerprints. */
  ignore?: readonly string[];
  /** Default: --ignore, "ignored on the command line". */
  ignoreOrigin?: IgnoreOrigin;
  /** --ignore-file; without it .imagegateignore is used when found. */
  ignoreFile?: string;
  /**
   * Look for imagegate.policy.json and .imagegateignore in the working directory, then in the
   * repository root (the nearest directory above holding .git) — what the CLI does; a library
   * caller names its files.
   */
  discover?: boolean;
}

/**
 * `name` in the working directory, else in the repository root. A file in a parent directory that is
 * not the repository root is not taken: it may belong to some other project.
 */
export function discoverFile(name: string, from = process.cwd()): string | undefined {
  if (existsSync(join(from, name))) return relative(process.cwd(), join(from, name)) || name;
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return existsSync(join(dir, name)) ? join(dir, name) : undefined;
    if (dirname(dir) === dir) return undefined;
  }
}

export async function loadSettings(options: SettingsFiles): Promise<{ policy: Policy; budgets: Budgets }> {
  const issues: ConfigIssue[] = [];
  const collect = async <T>(load: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await load();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
  };
  const info = ruleConfigInfo();
  const ids = info.map((rule) => rule.id);
  const fromFlags = ignoresFromFlags(options.ignore ?? [], ids, options.ignoreOrigin);
  const policy =
    typeof options.policy === 'object'
      ? await collect(() => Promise.resolve().then(() => parsePolicy(options.policy, '<object>', info)))
      : await collect(() =>
          loadPolicyFile(
            (options.policy as string | undefined) ?? (options.discover ? discoverFile(PROJECT_POLICY) : undefined) ?? DEFAULT_POLICY,
            info,
          ),
        );
  const budgetsPath = typeof options.budgets === 'string' ? options.budgets : existsSync(DEFAULT_BUDGETS) ? DEFAULT_BUDGETS : undefined;
  const budgets =
    typeof options.budgets === 'object'
      ? await collect(() => Promise.resolve().then(() => parseBudgets(options.budgets, '<object>')))
      : budgetsPath
        ? await collect(() => loadBudgetsFile(budgetsPath))
        : { source: 'budgets.json (none found; pass --budgets FILE)', budgets: [] };
  const ignoreFile = options.ignoreFile ?? (options.discover ? discoverFile(DEFAULT_IGNORE_FILE) : undefined);
  const fromFile = ignoreFile ? await collect(() => loadIgnoreFile(ignoreFile, ids, options.ignoreFile !== undefined)) : [];
  if (issues.length > 0 || !policy || !budgets || !fromFile) throw new ConfigError(issues);
  const ignores = [...fromFlags, ...fromFile];
  return { policy: ignores.length > 0 ? { ...policy, waivers: [...policy.waivers, ...ignores] } : policy, budgets };
}
