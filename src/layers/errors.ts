// Errors raised while reading layers and archives; all of them mean "could not check" (exit 2).
import { ImagegateError } from '../config/errors.js';

export class LayerFormatError extends ImagegateError {
  override name = 'LayerFormatError';
}

export class ArchiveFormatError extends ImagegateError {
  override name = 'ArchiveFormatError';
}

export class DigestMismatchError extends ImagegateError {
  override name = 'DigestMismatchError';
}
