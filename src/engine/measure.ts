// Measures an image's size with no rule run: the baseline of --compare-to, and `imagegate size`.
import { UsageError } from '../core/errors.js';
import type { Budgets } from '../config/budgets.js';
import type { Policy } from '../config/policy.js';
import { baselineFromImage } from './baseline.js';
import type { ImageReport } from './report.js';
import { runChecks } from './run-checks.js';
import { todayUtc } from './waivers.js';
import type { SizeBaseline } from '../image/image-model.js';
import type { Platform } from '../image/platform.js';
import type { CheckTarget } from '../sources/targets.js';

export async function measureImages(
  targets: CheckTarget[],
  settings: { policy: Policy; budgets: Budgets; platform: Platform },
): Promise<ImageReport[]> {
  const report = await runChecks(
    targets,
    { policy: settings.policy, budgets: settings.budgets, platform: settings.platform, rules: [], failOn: 'error', today: todayUtc() },
    2,
  );
  return report.images;
}

/** `option`: how the caller names the option that asked for it (--compare-to, compareTo), for the error. */
export async function measureBaseline(
  target: CheckTarget,
  settings: { policy: Policy; budgets: Budgets; platform: Platform },
  option = '--compare-to',
): Promise<() => SizeBaseline> {
  const [image] = await measureImages([target], settings);
  const baseline = image ? baselineFromImage(image) : undefined;
  if (!baseline) throw new UsageError(`${option} ${target.raw}: ${image?.error?.message ?? 'could not be measured'}`);
  return () => baseline;
}
