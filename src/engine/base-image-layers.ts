// --base-image: the layers of the image a checked image was built on, by diffID. An engine says them
// in its inspect answer; any other source is read once with every rule off (a layer cache then
// serves the same base layers to the check that follows).
import { UsageError } from '../core/errors.js';
import type { Budgets } from '../config/budgets.js';
import type { Policy } from '../config/policy.js';
import type { BaseImageLayers } from '../image/image-layer.js';
import type { Platform } from '../image/platform.js';
import type { CheckTarget } from '../sources/targets.js';
import { measureImages } from './measure.js';

export async function baseImageLayers(
  target: CheckTarget,
  settings: { policy: Policy; budgets: Budgets; platform: Platform },
  flag = '--base-image',
): Promise<BaseImageLayers> {
  const resolved = await target.source.resolve(target.locator).catch((error: unknown) => {
    throw new UsageError(`${flag} ${target.raw}: ${(error as Error).message ?? String(error)}`);
  });
  if (resolved.known) return { reference: target.raw, diffIds: resolved.known.diffIds };
  const [image] = await measureImages([target], settings);
  if (!image?.layers || image.error) throw new UsageError(`${flag} ${target.raw}: ${image?.error?.message ?? 'could not be read'}`);
  return { reference: target.raw, diffIds: image.layers.map((layer) => layer.diffId) };
}
