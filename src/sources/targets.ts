// Turns what the user typed into what to check: the source to read from, and the names budgets,
// waivers and reports use. Transport prefixes follow containers-image (skopeo) spelling.
import { UsageError } from '../core/errors.js';
import type { ImageSelector } from '../image/select-image.js';
import type { Platform } from '../image/platform.js';
import { parseDaemonReference, parseImageReference, referenceCandidates, type ImageReference } from '../reference/image-reference.js';
import { ArchiveFileSource } from './archive-file.js';
import { OciLayoutSource } from './oci-layout.js';
import type { ImageSource } from './source.js';

export interface CheckTarget {
  /** As the user wrote it, transport prefix included for non-engine sources. */
  raw: string;
  /** Normalized name for budgets and waivers ("docker.io/library/app:1"), or `raw` when there is none. */
  normalized: string;
  /** Every spelling globs are matched against. */
  candidates: string[];
  source: ImageSource;
  /** What to hand to `source.resolve`. */
  locator: string;
  /** Set by --all-platforms: this target checks that one platform of an index. */
  platform?: Platform;
}

export interface TargetOptions {
  /** The Docker Engine source, created only when some reference needs it. */
  engine: () => ImageSource;
  /** Registry source (docker://), when available. */
  registry?: () => ImageSource;
}

export function targetFor(input: string, options: TargetOptions): CheckTarget {
  const reference = parseImageReference(input);
  if (reference.transport === 'docker-daemon') {
    return {
      raw: reference.raw,
      normalized: reference.normalized,
      candidates: referenceCandidates(reference),
      source: options.engine(),
      locator: reference.raw,
    };
  }
  if (reference.transport === 'docker') {
    if (!options.registry)
      throw new UsageError(
        `the "docker://" transport is not supported yet (got "${input}"); read the image from an engine, an archive or an OCI layout`,
      );
    const named = parseDaemonReference(reference.raw);
    return {
      raw: input,
      normalized: named.normalized,
      candidates: [input, reference.raw, named.normalized],
      source: options.registry(),
      locator: reference.raw,
    };
  }
  return localTarget(input, reference);
}

/** docker-archive:PATH[:REF|:@N], oci-archive:PATH[:TAG|:@N], oci:DIR[:TAG|@sha256:…|:@N]. */
function localTarget(input: string, reference: Exclude<ImageReference, { transport: 'docker-daemon' | 'docker' }>): CheckTarget {
  let rest = reference.raw;
  const selector: Omit<ImageSelector, 'platform'> = {};
  if (reference.transport === 'oci') {
    const at = rest.lastIndexOf('@sha256:');
    if (at >= 0) {
      selector.digest = rest.slice(at + 1);
      if (!/^sha256:[a-f0-9]{64}$/.test(selector.digest))
        throw new UsageError(`invalid digest in "${input}": expected @sha256: and 64 hex characters`);
      rest = rest.slice(0, at);
    }
  }
  // Like skopeo, the path ends at the first ':'; whatever follows names the image inside.
  const colon = rest.indexOf(':');
  const path = colon < 0 ? rest : rest.slice(0, colon);
  const inner = colon < 0 ? '' : rest.slice(colon + 1);
  if (path === '') throw new UsageError(`"${input}" names no path; write ${reference.transport}:PATH`);
  const candidates = [input];
  let normalized = input;
  if (/^@\d+$/.test(inner)) selector.index = Number(inner.slice(1));
  else if (inner !== '') {
    selector.name = inner;
    if (reference.transport === 'docker-archive') {
      const named = parseDaemonReference(inner);
      normalized = named.normalized;
      selector.nameCandidates = referenceCandidates(named);
      candidates.push(...selector.nameCandidates);
    } else {
      candidates.push(inner);
    }
  }
  const description = `${reference.transport === 'oci' ? 'OCI layout' : reference.transport === 'oci-archive' ? 'OCI archive' : 'docker archive'} ${path}`;
  const source =
    reference.transport === 'oci' ? new OciLayoutSource(description, path, selector) : new ArchiveFileSource(description, path, selector);
  return { raw: input, normalized, candidates: [...new Set(candidates)], source, locator: path };
}

/**
 * --all-platforms: one target per platform the index offers, in index order. A single-platform
 * image, or a source that cannot list platforms cheaply (engine, archive streams), stays one target.
 */
export async function expandPlatforms(target: CheckTarget): Promise<CheckTarget[]> {
  if (!target.source.listPlatforms) return [target];
  let platforms: Platform[];
  try {
    platforms = await target.source.listPlatforms(target.locator);
  } catch {
    return [target]; // the check itself reports the error, in the image's own line
  }
  return platforms.length === 0 ? [target] : platforms.map((platform) => ({ ...target, platform }));
}
