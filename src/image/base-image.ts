// Which layers came with the base image. A finding there is not fixed by editing the team's own
// Dockerfile steps, so reports say so and advise differently (fix the base, or choose another).
import { describeStep, type ImageModel } from './image-model.js';

/** The base image of a check: named with --base-image (its layers are matched by diffID), or inferred. */
export interface BaseImage {
  /** The reference given with --base-image; absent when inferred from the image's own history. */
  reference?: string;
  /** Layers [0, layers) are the base image's. */
  layers: number;
}

/**
 * How a base image's root filesystem arrives as the first layer: an ADD of its tarball into "/"
 * ("ADD file:<hash> in /" in the legacy builder, "ADD rootfs.tar.xz / # buildkit"), an import with
 * no history step (`docker import`), or a rootfs builder's comment ("# debian.sh …", debuerreotype).
 */
const ROOT_FILESYSTEM_STEP = /^(?:\(no history\)|ADD\s+(?:--\S+\s+)*\S+(?:\s+in)?\s+\/(?:\s|$)|#\s)/;

/** The base layers of an image: the explicit base when given (its diffIDs as a prefix), else the inferred root filesystem layer. */
export function baseImageOf(image: Pick<ImageModel, 'layers'>, explicit?: { reference: string; diffIds: readonly string[] }): BaseImage | undefined {
  if (explicit) {
    let shared = 0;
    while (shared < explicit.diffIds.length && shared < image.layers.length && image.layers[shared]!.diffId === explicit.diffIds[shared]) shared++;
    return shared > 0 ? { reference: explicit.reference, layers: shared } : undefined;
  }
  // A single-layer image is all the team's own (FROM scratch + one COPY, or a flattened image): nothing to infer.
  const first = image.layers[0];
  if (image.layers.length < 2 || !first) return undefined;
  return ROOT_FILESYSTEM_STEP.test(describeStep(first.createdBy)) ? { layers: 1 } : undefined;
}

/** "the base image debian:bookworm" or "the base image" when inferred. */
export function baseImageName(base: BaseImage): string {
  return base.reference !== undefined ? `the base image ${base.reference}` : 'the base image';
}
