// A pass-through Unix-socket proxy in front of an engine (Docker or Podman) that records the request
// line of every HTTP request the client sends, so a test can see which API paths were used.
import { createConnection, createServer, type Socket } from 'node:net';
import { join } from 'node:path';

export interface SocketRecorder {
  /** DOCKER_HOST value that reaches the recorder. */
  host: string;
  /** "GET /v1.41/images/json HTTP/1.1" and so on, in order. */
  requests: string[];
  close(): Promise<void>;
}

const REQUEST_LINE = /^(?:GET|HEAD|POST|PUT|DELETE) \S+ HTTP\/1\.[01]$/gm;

export async function startSocketRecorder(dir: string, upstreamHost: string): Promise<SocketRecorder> {
  const upstreamPath = upstreamHost.replace(/^unix:\/\//, '');
  const path = join(dir, `recorder-${process.pid}.sock`);
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(upstreamPath);
    sockets.add(client).add(upstream);
    // Request lines are short and come first in a client's write; bodies (none here: all GETs) are not scanned.
    client.on('data', (data: Buffer) => {
      requests.push(...(data.toString('latin1').replace(/\r/g, '').match(REQUEST_LINE) ?? []));
      upstream.write(data);
    });
    // End, not destroy, on a normal close: destroying a socket drops what it has not yet written,
    // so the client would see the end of a long export cut off (ECONNRESET) whenever the engine
    // closed its side before the last chunk was flushed. Errors still tear both sides down.
    upstream.pipe(client);
    client.on('end', () => upstream.end());
    const abort = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => upstream.destroy()).on('error', abort);
    upstream.on('error', abort);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    host: `unix://${path}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
