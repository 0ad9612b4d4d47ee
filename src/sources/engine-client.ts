// The Engine API client: dockerode's Image API over its transport, docker-modem, without dockerode's index.
//
// Why not `import Docker from 'dockerode'`: its index also loads the BuildKit session stack
// (@grpc/grpc-js, protobufjs), which imagegate never uses. Measured on a 2-core runner, merely
// having it loaded slowed reading a 1 GB export from the engine's socket from 1.6 s to 2.5 s
// (Node 20, scripts/bench.mjs image). The Image class and the modem are the same code dockerode
// uses, so behaviour (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, ssh://) is unchanged.
// Must come before docker-modem: it keeps docker-modem from loading ssh2 until ssh:// is used.
import './lazy-ssh2.js';
import Modem from 'docker-modem';
import type Dockerode from 'dockerode';
import DockerImage from 'dockerode/lib/image.js';
import { rawEndpoint, rawGet, type ModemLike } from './raw-export.js';

export interface EngineClient {
  getImage(name: string): Dockerode.Image;
  /** `GET /images/json`: the engine's image list; `all` adds intermediate images (`docker image ls -a`). */
  listImages(options?: { all?: boolean }): Promise<Dockerode.ImageInfo[]>;
  /** `GET /images/get?names=…`: one `docker save` stream of several images, each shared layer once. */
  exportImages?(names: string[]): Promise<NodeJS.ReadableStream>;
  /** `GET /images/{name}/get`: one image's `docker save` stream. */
  exportImage(name: string): Promise<NodeJS.ReadableStream>;
  /** `GET /info`: the engine's description (storage driver, DriverStatus). */
  info?(): Promise<{ DriverStatus?: [string, string][] | null }>;
}

export function createEngineClient(options?: Modem.ConstructorOptions): EngineClient {
  // Without options docker-modem reads DOCKER_HOST / DOCKER_TLS_VERIFY / DOCKER_CERT_PATH itself.
  const modem = new Modem(options);
  // dockerode sets this on the modem it creates; its object classes build their promises with it.
  (modem as unknown as { Promise: PromiseConstructor }).Promise = Promise;
  // Exports are read straight off the socket when the engine speaks plain HTTP (see raw-export.ts).
  const plain = modem as unknown as ModemLike & { buildQuerystring(options: object): string };
  const raw = rawEndpoint(plain);
  const rawExport = raw && ((path: string) => rawGet(raw, plain.version ? `/${plain.version}${path}` : path, plain.headers));
  return {
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
    exportImages: (names) =>
      rawExport ? rawExport(`/images/get?${plain.buildQuerystring({ names })}`) : new Promise((resolve, reject) => {
        modem.dial(
          { path: '/images/get?', method: 'GET', options: { names }, isStream: true, statusCodes: { 200: true, 404: 'no such image', 500: 'server error' } },
          (error, stream) => (error ? reject(error) : resolve(stream as NodeJS.ReadableStream)),
        );
      }),
    exportImage: (name) => (rawExport ? rawExport(`/images/${name}/get`) : (new DockerImage(modem, name).get() as Promise<NodeJS.ReadableStream>)),
    info: () =>
      new Promise((resolve, reject) => {
        modem.dial({ path: '/info', method: 'GET', statusCodes: { 200: true, 500: 'server error' } }, (error, data) => (error ? reject(error) : resolve(data as { DriverStatus?: [string, string][] | null })));
      }),
  };
}
