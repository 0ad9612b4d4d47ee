// Reads images from a Docker Engine (or API-compatible daemon) over its API: inspect, then GET /images/{name}/get.
import type Dockerode from 'dockerode';
import type { Readable } from 'node:stream';
import { ImagegateError } from '../core/errors.js';
import { createEngineClient, type EngineClient } from './engine-client.js';
import { readStream, type ImageSource, type ReadContext, type SourceImage } from './source.js';
import type { SavedArchive } from '../layers/save-archive.js';
import { watchForStall } from './stall-watchdog.js';
import type { ExportReadOptions } from './raw-export.js';
import { within } from '../deadline.js';
import { formatDuration } from '../config/duration.js';
import type { Platform } from '../image/platform.js';
import { listPlatforms } from '../image/select-image.js';
import { readSaveArchive } from '../layers/save-archive.js';

export class EngineUnreachableError extends ImagegateError {}

export class EngineStalledError extends ImagegateError {}

/** How long the engine may stay silent (inspect, export preparation, mid-export) by default. */
export const DEFAULT_ENGINE_TIMEOUT_MS = 5 * 60_000;

export interface DockerEngineOptions {
  /** Longest silence from the engine before the image counts as unreadable (--timeout). */
  timeoutMs?: number;
}

export class ImageNotFoundError extends ImagegateError {}

/** Where dockerode will connect, spelled the way users set DOCKER_HOST. */
export function engineAddress(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST || 'unix:///var/run/docker.sock';
}

export class DockerEngineSource implements ImageSource {
  readonly description: string;
  /** The run's one connection to the engine; `imagegate audit` lists the engine's images through it. */
  readonly client: EngineClient;
  /** Longest silence allowed from the engine, for every request made through `client`. */
  readonly timeoutMs: number;

  constructor(options: DockerEngineOptions = {}, client?: EngineClient) {
    this.client = client ?? createEngineClient();
    this.description = `Docker Engine at ${engineAddress()}`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_ENGINE_TIMEOUT_MS;
  }

  async resolve(reference: string): Promise<SourceImage> {
    const image = this.client.getImage(reference);
    let info: Dockerode.ImageInspectInfo;
    try {
      info = await within(image.inspect(), this.timeoutMs, () => this.stalled(reference, 'answer the image inspect request'));
    } catch (error) {
      throw this.explain(error, reference);
    }
    return {
      selector: { imageId: info.Id },
      repoDigests: info.RepoDigests ?? [],
      ...(Array.isArray(info.RootFS?.Layers) ? { known: { imageId: info.Id, diffIds: info.RootFS.Layers } } : {}),
      read: readStream((hints) => this.exportOne(info.Id, reference, hints)),
    };
  }

  /**
   * --all-platforms: the platforms of a multi-platform image in the containerd image store, read
   * from the index in its export (Engine 26 has no cheaper way to tell); [] for a single image.
   * Only JSON documents are kept; layers stream past unread.
   */
  async listPlatforms(reference: string): Promise<Platform[]> {
    // Only the containerd image store holds multi-platform images; it says so in DriverStatus
    // (["driver-type", "io.containerd.snapshotter.v1"]). Any other store: no export needed.
    const info = await within(this.client.info?.() ?? Promise.resolve(undefined), this.timeoutMs, () =>
      this.stalled(reference, 'answer the info request'),
    ).catch(() => undefined);
    if (info && !(info.DriverStatus ?? []).some(([, value]) => /containerd\.snapshotter/.test(value))) return [];
    const resolved = await this.resolve(reference);
    const archive = await readSaveArchive(await this.exportOne(resolved.selector.imageId!, reference), () => () => [], { documentsOnly: true });
    // A classic store's ID names a config, which index.json does not list: [] (a single image).
    return listPlatforms((path) => archive.documents.get(path), { digest: resolved.selector.imageId! }, `${reference} in the ${this.description}`);
  }

  private stalled(reference: string, what: string): EngineStalledError {
    return new EngineStalledError(
      `the ${this.description} did not ${what} for ${reference} within ${formatDuration(this.timeoutMs)}; the engine is stalled or overloaded — check it (docker info), or raise --timeout for very large images`,
    );
  }

  /** Export by ID so a tag moved between inspect and export cannot swap the image under us. */
  private exportOne(imageId: string, reference: string, options?: ExportReadOptions): Promise<Readable> {
    return this.guardedExport(() => this.client.exportImage(imageId, options), reference);
  }

  /**
   * One export of several images by ID (what `docker save a b c` does): a layer they share is in
   * the stream once. Same stall guard and messages as a single image's export.
   */
  async readTogether(images: readonly SourceImage[], context: Omit<ReadContext, 'selector' | 'reuse'>, what: string): Promise<SavedArchive> {
    const exportImages = this.client.exportImages?.bind(this.client);
    if (!exportImages) throw new ImagegateError(`the ${this.description} client cannot export several images at once`);
    const ids = [...new Set(images.map((image) => image.selector.imageId!))];
    return readStream((hints) => this.guardedExport(() => exportImages(ids, hints), what))(context);
  }

  /** An export stream under the --timeout guards (to start, then between chunks), its failures explained. */
  private async guardedExport(request: () => Promise<unknown>, what: string): Promise<Readable> {
    try {
      const stream = (await within(request(), this.timeoutMs, () => this.stalled(what, 'start the export'))) as Readable;
      watchForStall(stream, this.timeoutMs, () => this.stalled(what, 'send more of the export'));
      return stream;
    } catch (error) {
      throw this.explainExport(error, what);
    }
  }

  /** After a successful inspect, "not found" means the image went away while we were reading it. */
  private explainExport(error: unknown, reference: string): Error {
    const status = (error as { statusCode?: number }).statusCode;
    const said = engineMessage(error);
    if (status === 404 || (status === 500 && /no such (image|file)|failed to get digest|does not exist/i.test(said))) {
      return new ImageNotFoundError(
        `image ${reference} was removed from the ${this.description} while imagegate was reading it (the engine said: ${said.trim()}); nothing was verified — check it again once the image is back`,
        { cause: error },
      );
    }
    return this.explain(error, reference);
  }

  private explain(error: unknown, reference: string): Error {
    if (error instanceof ImagegateError) return error;
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 404) {
      return new ImageNotFoundError(
        `image ${reference} was not found in the ${this.description}; build or pull it first (docker image ls shows what it has)`,
        { cause: error },
      );
    }
    return (
      unreachable(error, this.description) ??
      new ImagegateError(`the ${this.description} failed on ${reference}: ${engineMessage(error)}`, { cause: error })
    );
  }
}

/** The connection-level failures (no socket, no permission, no route) as one line with what to do; undefined for others. */
export function unreachable(error: unknown, description: string): EngineUnreachableError | undefined {
  const code = (error as { code?: string }).code;
  if (code !== 'ECONNREFUSED' && code !== 'ENOENT' && code !== 'EACCES' && code !== 'ETIMEDOUT' && code !== 'EHOSTUNREACH') return undefined;
  const hint =
    code === 'EACCES'
      ? 'permission denied on the socket (add yourself to the docker group or run as root)'
      : 'is the engine running? set DOCKER_HOST to reach another one';
  return new EngineUnreachableError(`cannot reach the ${description} (${code}): ${hint}`, { cause: error });
}

export function engineMessage(error: unknown): string {
  return (error as { json?: { message?: string } }).json?.message ?? (error as Error).message ?? String(error);
}
