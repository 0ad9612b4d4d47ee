// Errors raised while reading layers and archives; all of them mean "could not check" (exit 2).
import { ImagegateError } from '../core/errors.js';

export class LayerFormatError extends ImagegateError {}

export class ArchiveFormatError extends ImagegateError {}

export class DigestMismatchError extends ImagegateError {}

/** What a user can do about a layer or archive that cannot be read. */
export const DAMAGED =
  'the image data is damaged, truncated or was tampered with: export, save or pull it again, and do not ship it until it reads cleanly';

/** A layer whose tar structure is broken (bad header, early end, garbage). */
export function unreadableTar(blobName: string, cause: unknown): LayerFormatError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new LayerFormatError(`${blobName}: the layer is not a readable tar stream (${detail}); ${DAMAGED}`, { cause });
}
