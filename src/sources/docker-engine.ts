// Reads images from a Docker Engine (or API-compatible daemon) over its API: inspect, then GET /images/{name}/get.
import type Dockerode from 'dockerode';
import type { Readable } from 'node:stream';
import { ImagegateError } from '../config/errors.js';
import { createEngineClient, type EngineClient } from './engine-client.js';
import type { ImageSource, SourceImage } from './source.js';

export class EngineUnreachableError extends ImagegateError {}

export class ImageNotFoundError extends ImagegateError {}

/** Where dockerode will connect, spelled the way users set DOCKER_HOST. */
export function engineAddress(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST || 'unix:///var/run/docker.sock';
}

export class DockerEngineSource implements ImageSource {
  readonly description: string;
  private readonly docker: EngineClient;

  constructor(docker?: EngineClient) {
    this.docker = docker ?? createEngineClient();
    this.description = `Docker Engine at ${engineAddress()}`;
  }

  async resolve(reference: string): Promise<SourceImage> {
    const image = this.docker.getImage(reference);
    let info: Dockerode.ImageInspectInfo;
    try {
      info = await image.inspect();
    } catch (error) {
      throw this.explain(error, reference);
    }
    return {
      selector: { imageId: info.Id },
      repoDigests: info.RepoDigests ?? [],
      openArchive: async () => {
        try {
          // Export by ID so a tag moved between inspect and export cannot swap the image under us.
          return (await this.docker.getImage(info.Id).get()) as unknown as Readable;
        } catch (error) {
          throw this.explain(error, reference);
        }
      },
    };
  }

  private explain(error: unknown, reference: string): Error {
    const status = (error as { statusCode?: number }).statusCode;
    const code = (error as { code?: string }).code;
    if (status === 404) {
      return new ImageNotFoundError(`image ${reference} was not found in the ${this.description}; build or pull it first (docker image ls shows what it has)`, { cause: error });
    }
    if (code === 'ECONNREFUSED' || code === 'ENOENT' || code === 'EACCES' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH') {
      const hint = code === 'EACCES' ? 'permission denied on the socket (add yourself to the docker group or run as root)' : 'is the engine running? set DOCKER_HOST to reach another one';
      return new EngineUnreachableError(`cannot reach the ${this.description} (${code}): ${hint}`, { cause: error });
    }
    const message = (error as { json?: { message?: string } }).json?.message ?? (error as Error).message ?? String(error);
    return new ImagegateError(`the ${this.description} failed on ${reference}: ${message}`, { cause: error });
  }
}
