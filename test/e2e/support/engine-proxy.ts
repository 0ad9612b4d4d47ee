// A Unix-socket proxy in front of the real test engine that misbehaves on purpose during an image
// export (GET /images/{name}/get): it cuts the connection, goes silent, or removes the image just
// before the engine starts exporting it. Everything else passes through untouched.
import { createConnection, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { docker, dockerHost } from './images.js';

export type EngineFault =
  /** No fault: pass everything through, counting exports. */
  { kind: 'observe' } | { kind: 'cut'; afterBytes: number } | { kind: 'stall'; afterBytes: number } | { kind: 'remove-before-export'; image: string };

export interface EngineProxy {
  /** DOCKER_HOST value that reaches the proxy. */
  host: string;
  /** How many exports the proxy has seen start. */
  exports(): number;
  close(): Promise<void>;
}

const EXPORT_REQUEST = /^GET \S*\/images\/(?:\S+\/)?get(?:\?\S*)? HTTP\/1\.[01]\r\n/m;

export async function startEngineProxy(dir: string, fault: EngineFault): Promise<EngineProxy> {
  const upstreamPath = dockerHost().replace(/^unix:\/\//, '');
  const path = join(dir, 'engine-proxy.sock');
  const sockets = new Set<Socket>();
  let exports = 0;
  const server = createServer((client) => {
    const upstream = createConnection(upstreamPath);
    sockets.add(client).add(upstream);
    let exporting = false;
    let sent = 0;
    client.on('data', (data: Buffer) => {
      if (!exporting && EXPORT_REQUEST.test(data.toString('latin1'))) {
        exporting = true;
        exports++;
        if (fault.kind === 'remove-before-export') {
          client.pause();
          void docker(['image', 'rm', '--force', '--no-prune', fault.image])
            .catch(() => undefined)
            .then(() => {
              upstream.write(data);
              client.resume();
            });
          return;
        }
      }
      upstream.write(data);
    });
    upstream.on('data', (data: Buffer) => {
      if (!exporting || fault.kind === 'remove-before-export' || fault.kind === 'observe') return void client.write(data);
      const room = fault.afterBytes - sent;
      sent += data.length;
      if (room > 0) client.write(room >= data.length ? data : data.subarray(0, room));
      if (sent >= fault.afterBytes) {
        if (fault.kind === 'cut') {
          // The engine "dies": both sides of the connection go away mid-stream.
          client.destroy();
          upstream.destroy();
        } else {
          // The engine "hangs": the connection stays open, nothing more arrives.
          upstream.pause();
        }
      }
    });
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', closeBoth).on('close', () => fault.kind !== 'stall' && closeBoth());
    if (fault.kind === 'observe') upstream.on('close', () => client.end());
    upstream.on('error', closeBoth).on('end', () => client.end());
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(path, resolve));
  return {
    host: `unix://${path}`,
    exports: () => exports,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
