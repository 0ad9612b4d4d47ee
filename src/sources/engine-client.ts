// The Engine API client: dockerode's Image API over its transport, docker-modem, without dockerode's index.
//
// Why not `import Docker from 'dockerode'`: its index also loads the BuildKit session stack
// (@grpc/grpc-js, protobufjs), which imagegate never uses, and merely having it loaded slowed
// reading an export off the engine's socket (docs/benchmarks.md, "Measurements behind code
// choices"). The Image class and the modem are the same code dockerode
// uses, so behaviour (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, ssh://) is unchanged.
// Must come before docker-modem: it keeps docker-modem from loading ssh2 until ssh:// is used.
import './lazy-ssh2.js';
import Modem from 'docker-modem';
import type Dockerode from 'dockerode';
import DockerImage from 'dockerode/lib/image.js';
import { rawEndpoint, rawGet, type ExportReadOptions, type ModemLike } from './raw-export.js';
import { chooseApiVersion } from './api-version.js';

export interface EngineClient {
  getImage(name: string): Dockerode.Image;
  /** `GET /images/json`: the engine's image list; `all` adds intermediate images (`docker image ls -a`). */
  listImages(options?: { all?: boolean }): Promise<Dockerode.ImageInfo[]>;
  /** `GET /images/get?names=…`: one `docker save` stream of several images, each shared layer once. */
  exportImages?(names: string[], options?: ExportReadOptions): Promise<NodeJS.ReadableStream>;
  /** `GET /images/{name}/get`: one image's `docker save` stream. */
  exportImage(name: string, options?: ExportReadOptions): Promise<NodeJS.ReadableStream>;
  /** The API version negotiated with the engine ("1.41"), undefined when it did not say. */
  apiVersion?(): Promise<string | undefined>;
  /** `GET /info`: the engine's description (storage driver, DriverStatus). */
  info?(): Promise<{ DriverStatus?: [string, string][] | null }>;
}

type Dial = (options: object, callback: (error: Error | null | undefined, data?: unknown) => void) => void;

export function createEngineClient(options?: Modem.ConstructorOptions): EngineClient {
  // Without options docker-modem reads DOCKER_HOST / DOCKER_TLS_VERIFY / DOCKER_CERT_PATH itself.
  const modem = new Modem(options);
  // dockerode sets this on the modem it creates; its object classes build their promises with it.
  (modem as unknown as { Promise: PromiseConstructor }).Promise = Promise;
  const plain = modem as unknown as ModemLike & { buildQuerystring(options: object): string; dial: Dial };
  // Every request waits for the version negotiation (one GET /version per client), then goes out
  // under that version: dockerode's Image methods dial through the modem, so wrapping dial covers them.
  const dial: Dial = plain.dial.bind(modem);
  const negotiate = negotiator(plain, dial);
  plain.dial = (options, callback) => {
    negotiate().then(
      () => dial(options, callback),
      (error: Error) => callback(error), // the negotiation fails with the modem's error or a version error
    );
  };
  // Exports are read straight off the socket when the engine speaks plain HTTP (see raw-export.ts).
  const raw = rawEndpoint(plain);
  const rawExport =
    raw &&
    (async (path: string, options?: ExportReadOptions) => {
      await negotiate();
      return rawGet(raw, plain.version ? `/${plain.version}${path}` : path, plain.headers, options);
    });
  return {
    apiVersion: async () => {
      await negotiate();
      return plain.version?.replace(/^v/, '');
    },
    getImage: (name) => new DockerImage(modem, name),
    // The same request dockerode's Docker#listImages makes, through the same modem.
    listImages: (options = {}) =>
      new Promise((resolve, reject) => {
        modem.dial(
          {
            path: '/images/json?',
            method: 'GET',
            options: options.all ? { all: true } : {},
            statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
          },
          (error, data) => (error ? reject(error) : resolve(data as Dockerode.ImageInfo[])),
        );
      }),
    // The request of dockerode's Docker#getImages (what `docker save a b c` sends).
    exportImages: (names, options) =>
      rawExport
        ? rawExport(`/images/get?${plain.buildQuerystring({ names })}`, options)
        : new Promise((resolve, reject) => {
            modem.dial(
              {
                path: '/images/get?',
                method: 'GET',
                options: { names },
                isStream: true,
                statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
              },
              (error, stream) => (error ? reject(error) : resolve(stream as NodeJS.ReadableStream)),
            );
          }),
    exportImage: (name, options) => (rawExport ? rawExport(`/images/${name}/get`, options) : new DockerImage(modem, name).get()),
    info: () =>
      new Promise((resolve, reject) => {
        modem.dial({ path: '/info', method: 'GET', statusCodes: { 200: true, 500: 'server error' } }, (error, data) =>
          error ? reject(error) : resolve(data as { DriverStatus?: [string, string][] | null }),
        );
      }),
  };
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET', 'EPIPE']);

/**
 * GET /version once, then pins modem.version. An engine that cannot be reached fails the request
 * that asked (and the next one asks again); one that answers /version with an HTTP error (a socket
 * proxy that hides it) is spoken to unversioned, as before negotiation existed.
 */
function negotiator(modem: ModemLike, dial: Dial): () => Promise<void> {
  let settled: Promise<void> | undefined;
  return () =>
    (settled ??= new Promise<void>((resolve, reject) => {
      if (modem.version) return resolve(); // pinned by whoever made the modem
      dial({ path: '/version', method: 'GET', statusCodes: { 200: true } }, (error, data) => {
        if (error) {
          if (!CONNECTION_ERRORS.has((error as { code?: string }).code ?? '')) return resolve();
          settled = undefined;
          return reject(error);
        }
        try {
          const version = chooseApiVersion(data ?? {}, `engine at ${address(modem)}`);
          if (version) modem.version = `v${version}`;
          resolve();
        } catch (failure) {
          reject(failure);
        }
      });
    }));
}

function address(modem: ModemLike): string {
  if (modem.host) return `${modem.protocol ?? 'http'}://${modem.host}${modem.port ? `:${modem.port}` : ''}`;
  const socketPath = typeof modem.socketPath === 'function' ? modem.socketPath() : modem.socketPath;
  return `unix://${socketPath ?? ''}`;
}
