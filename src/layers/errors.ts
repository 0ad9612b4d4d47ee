// Errors raised while reading layers and archives; all of them mean "could not check" (exit 2).
import { ImagegateError } from '../config/errors.js';

export class LayerFormatError extends ImagegateError {}

export class ArchiveFormatError extends ImagegateError {}

export class DigestMismatchError extends ImagegateError {}
