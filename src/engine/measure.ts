// Measures an image's size with every rule off: the baseline of --compare-to, and `imagegate size`.
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

export async function measureImages(targets: CheckTarget[], settings: { policy: Policy; budgets: Budgets; platform: Platform }): Promise<ImageReport[]> {
  const rules = Object.fromEntries(Object.entries(settings.policy.rules).map(([id, setting]) => [id, { ...setting, enabled: false }]));
  const report = await runChecks(targets, { ...settings, policy: { ...settings.policy, rules }, failOn: 'error', today: todayUtc() }, 2);
  return report.images;
}

export async function measureBaseline(target: CheckTarget, settings: { policy: Policy; budgets: Budgets; platform: Platform }): Promise<() => SizeBaseline> {
  const [image] = await measureImages([target], settings);
  const baseline = image ? baselineFromImage(image) : undefined;
  if (!baseline) throw new UsageError(`--compare-to ${target.raw}: ${image?.error?.message ?? 'could not be measured'}`);
  return () => baseline;
}
