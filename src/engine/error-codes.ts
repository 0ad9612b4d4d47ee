// A stable code for why an image could not be checked, so a library caller or a dashboard can tell a
// missing image from a tampered one without parsing the message.
import { ImageConfigError } from '../image/image-config.js';
import { PlatformNotFoundError } from '../image/platform.js';
import { ArchiveFormatError, DigestMismatchError, LayerFormatError } from '../layers/errors.js';
import { RedirectRefusedError } from '../registry/follow-redirects.js';
import { RegistryError, RegistryNotFoundError } from '../registry/registry-client.js';
import { EngineTooOldError } from '../sources/api-version.js';
import { ImageFileError } from '../sources/archive-file.js';
import { EngineStalledError, EngineUnreachableError, ImageNotFoundError } from '../sources/docker-engine.js';
import { RuleFailedError } from './rule-runner.js';

export type ImageErrorCode =
  /** The engine, registry or file does not have the image. */
  | 'IMAGE_NOT_FOUND'
  /** The image has no content for the requested platform. */
  | 'PLATFORM_NOT_FOUND'
  /** The engine did not answer, or is too old. */
  | 'ENGINE_UNREACHABLE'
  /** The engine or registry went silent past --timeout. */
  | 'TIMEOUT'
  /** A config, manifest or layer did not hash to its digest. */
  | 'VERIFICATION_FAILED'
  /** The image's data could not be parsed (damaged, truncated, hostile). */
  | 'UNREADABLE'
  /** The registry refused or kept failing. */
  | 'REGISTRY_ERROR'
  /** A rule threw: a bug in imagegate or its policy, never a pass. */
  | 'RULE_FAILED'
  | 'INTERNAL';

const CODES: ReadonlyArray<readonly [abstract new (...args: never[]) => Error, ImageErrorCode]> = [
  [ImageNotFoundError, 'IMAGE_NOT_FOUND'],
  [RegistryNotFoundError, 'IMAGE_NOT_FOUND'],
  [ImageFileError, 'IMAGE_NOT_FOUND'],
  [PlatformNotFoundError, 'PLATFORM_NOT_FOUND'],
  [EngineUnreachableError, 'ENGINE_UNREACHABLE'],
  [EngineTooOldError, 'ENGINE_UNREACHABLE'],
  [EngineStalledError, 'TIMEOUT'],
  [DigestMismatchError, 'VERIFICATION_FAILED'],
  [LayerFormatError, 'UNREADABLE'],
  [ArchiveFormatError, 'UNREADABLE'],
  [ImageConfigError, 'UNREADABLE'],
  [RedirectRefusedError, 'REGISTRY_ERROR'],
  [RegistryError, 'REGISTRY_ERROR'],
  [RuleFailedError, 'RULE_FAILED'],
];

export function errorCode(error: unknown): ImageErrorCode {
  return CODES.find(([type]) => error instanceof type)?.[1] ?? 'INTERNAL';
}
