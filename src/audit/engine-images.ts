// `imagegate audit docker-daemon:`: every image of the engine, each once, checked by its ID.
import { z } from 'zod';
import { ImagegateError } from '../core/errors.js';
import { formatDuration } from '../config/duration.js';
import { matchGlob } from '../config/glob.js';
import { parseDaemonReference, referenceCandidates, type DaemonImageReference } from '../reference/image-reference.js';
import { EngineStalledError, engineMessage, unreachable } from '../sources/docker-engine.js';
import type { EngineClient } from '../sources/engine-client.js';
import type { ImageSource } from '../sources/source.js';
import { within } from '../deadline.js';
import type { ListedImage } from './select.js';

/** What imagegate reads of one entry of `GET /images/json`. */
export interface EngineImageSummary {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
}

const imageList = z.array(
  z.looseObject({ Id: z.string().min(1), RepoTags: z.array(z.string()).nullish(), RepoDigests: z.array(z.string()).nullish() }),
);

export interface ListEngineOptions {
  /** Also intermediate images (`docker image ls -a`). */
  all: boolean;
  timeoutMs: number;
  /** "Docker Engine at unix:///var/run/docker.sock", for messages. */
  description: string;
}

export async function listEngineImages(client: EngineClient, options: ListEngineOptions): Promise<EngineImageSummary[]> {
  let answer: unknown;
  try {
    answer = await within(
      client.listImages({ all: options.all }),
      options.timeoutMs,
      () =>
        new EngineStalledError(
          `the ${options.description} did not list its images within ${formatDuration(options.timeoutMs)}; check it (docker info), or raise --timeout`,
        ),
    );
  } catch (error) {
    if (error instanceof ImagegateError) throw error;
    throw (
      unreachable(error, options.description) ??
      new ImagegateError(`the ${options.description} could not list its images: ${engineMessage(error).trim()}`, { cause: error })
    );
  }
  const parsed = imageList.safeParse(answer);
  if (!parsed.success)
    throw new ImagegateError(
      `the ${options.description} answered the image list with something that is not one (GET /images/json); nothing was checked`,
    );
  return parsed.data;
}

export interface EngineSelectionOptions {
  /** Keep images with neither a tag nor a digest (dangling and intermediate ones), named by ID. */
  all: boolean;
  /** --filter globs: an image is named by its first name they match, so the report shows why it was picked. */
  filters: readonly string[];
  engine: () => ImageSource;
}

/**
 * One image per ID. Its name is its first tag (or, pulled by digest only, its first repo digest);
 * an image with neither is dangling or intermediate: skipped, or with `all` named by its ID.
 */
export function engineImages(summaries: readonly EngineImageSummary[], options: EngineSelectionOptions): { images: ListedImage[]; skipped: number } {
  const images: ListedImage[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const summary of summaries) {
    if (seen.has(summary.Id)) continue;
    seen.add(summary.Id);
    const spelled = [
      ...(summary.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'),
      ...(summary.RepoDigests ?? []).filter((digest) => digest !== '<none>@<none>'),
    ];
    const names = spelled.map(parseName).filter((name): name is DaemonImageReference => name !== undefined);
    if (names.length === 0 && !options.all) {
      skipped++;
      continue;
    }
    const spellings = names.map(referenceCandidates);
    const matching =
      options.filters.length === 0
        ? 0
        : spellings.findIndex((candidates) => candidates.some((candidate) => options.filters.some((glob) => matchGlob(glob, candidate))));
    const name = names[Math.max(matching, 0)];
    const id = parseName(summary.Id);
    const target = name ?? id;
    images.push({
      target: {
        raw: target?.raw ?? summary.Id,
        normalized: target?.normalized ?? summary.Id,
        candidates: target ? referenceCandidates(target) : [summary.Id],
        source: options.engine(),
        // By ID: a tag moved while the audit runs cannot swap the image under it.
        locator: summary.Id,
      },
      names: [...new Set([...spellings.flat(), summary.Id])],
    });
  }
  return { images, skipped };
}

/** A name the engine listed; one imagegate cannot parse is left out (the image is still checked, by another name or its ID). */
function parseName(name: string): DaemonImageReference | undefined {
  try {
    return parseDaemonReference(name);
  } catch {
    return undefined;
  }
}
