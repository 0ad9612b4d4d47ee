// Engine API version negotiation, as the docker CLI does it: ask the engine (GET /version) for the
// newest and oldest API it speaks, then send every request under one version both sides know.
//
// Why pin a version rather than send unversioned paths: an unversioned path means "the engine's
// newest API", whose answers may change shape in engines released after this imagegate; Engine 29
// also refuses API versions below 1.44, so a fixed old version would not do either.
import { ImagegateError } from '../core/errors.js';

/** The newest API imagegate is tested against (Engine 26.1); newer engines are spoken to in it. */
export const MAX_API_VERSION = '1.45';
/**
 * The oldest API with everything imagegate reads: image inspect with RootFS.Layers (1.23), and the
 * single and multi-image exports. 1.24 is Engine 1.12, also the floor Engines 25 to 28 accept.
 */
export const MIN_API_VERSION = '1.24';

export class EngineTooOldError extends ImagegateError {}

/** What GET /version answers (Docker Engine, Podman's compat API); every field optional. */
export interface EngineVersion {
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
}

/**
 * The version to speak ("1.41"), or undefined to send unversioned paths as before when the engine
 * does not say (then its newest API answers). Throws EngineTooOldError, one line naming the engine,
 * when it cannot speak MIN_API_VERSION.
 */
export function chooseApiVersion(engine: EngineVersion, where: string): string | undefined {
  const newest = parseVersion(engine.ApiVersion);
  if (!newest) return undefined;
  if (compare(newest, parseVersion(MIN_API_VERSION)!) < 0) {
    const version = engine.Version ? `version ${engine.Version}, ` : '';
    throw new EngineTooOldError(
      `the ${where} (${version}API ${engine.ApiVersion}) is too old: imagegate needs API ${MIN_API_VERSION} or newer (Docker Engine 1.12+, Podman 2+) to inspect and export images — upgrade the engine`,
    );
  }
  let chosen = compare(newest, parseVersion(MAX_API_VERSION)!) < 0 ? newest : parseVersion(MAX_API_VERSION)!;
  // An engine newer than imagegate that no longer speaks MAX_API_VERSION: its oldest API is the
  // closest to what imagegate knows (inspect and export have kept their shape since 1.24).
  const oldest = parseVersion(engine.MinAPIVersion);
  if (oldest && compare(chosen, oldest) < 0) chosen = oldest;
  return chosen.join('.');
}

function parseVersion(text: string | undefined): number[] | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(text?.trim() ?? '');
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

function compare(a: number[], b: number[]): number {
  return a[0]! - b[0]! || a[1]! - b[1]!;
}
