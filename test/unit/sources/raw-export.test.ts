import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHttpError, rawEndpoint, rawGet as rawGetWith, type ExportReadOptions } from '../../../src/sources/raw-export.js';

/** A fake engine on a unix socket: each test sets how it answers (as raw byte pieces, sent apart). */
let dir: string;
let server: Server;
let answer: (socket: Socket, request: string) => void = () => undefined;
const socketPath = (): string => join(dir, 'engine.sock');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imagegate-raw-export-'));
  server = createServer((socket) => {
    let request = '';
    socket.on('data', (chunk) => {
      request += chunk.toString('latin1');
      if (request.includes('\r\n\r\n')) answer(socket, request);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(socketPath(), resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the pieces one by one with a pause between, so the client sees them in separate reads. */
async function send(socket: Socket, pieces: (string | Buffer)[], end = true): Promise<void> {
  for (const piece of pieces) {
    socket.write(piece);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  if (end) socket.end();
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A chunked body for `data`, cut into chunks of `size` bytes. */
function chunked(data: Buffer, size: number): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < data.length; at += size) {
    const piece = data.subarray(at, at + size);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

/** Splits bytes into pieces of varying small sizes, so framing lands across reads. */
function shred(data: Buffer): Buffer[] {
  const pieces: Buffer[] = [];
  const sizes = [1, 2, 3, 5, 7, 700, 4096, 13];
  for (let at = 0, i = 0; at < data.length; i++) {
    const size = sizes[i % sizes.length]!;
    pieces.push(data.subarray(at, at + size));
    at += size;
  }
  return pieces;
}

const OK_CHUNKED = 'HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n';

// Both ways of reading: a fresh buffer per read, and one reused buffer (a partial check), whose
// pieces are borrowed: whatever is queued or kept must be a copy, or the next read would overwrite it.
describe.each<[string, ExportReadOptions]>([
  ['a fresh buffer per read', {}],
  ['one reused read buffer', { absorbing: true }],
])('rawGet (an image export straight off the socket), %s', (_mode, options) => {
  const rawGet = (endpoint: Parameters<typeof rawGetWith>[0], path: string) => rawGetWith(endpoint, path, {}, options);

  it('decodes a chunked body split at every awkward place, byte for byte', async () => {
    const data = randomBytes(300_000);
    let path = '';
    answer = (socket, request) => {
      path = request.split(' ')[1] ?? '';
      void send(socket, shred(Buffer.concat([Buffer.from(OK_CHUNKED), chunked(data, 32_771)])));
    };
    const body = await rawGet({ socketPath: socketPath() }, '/images/sha256:abc/get');
    const got = await readAll(body);
    expect(path).toBe('/images/sha256:abc/get');
    expect(createHash('sha256').update(got).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('reads a Content-Length body and a close-delimited one', async () => {
    const data = randomBytes(10_000);
    answer = (socket) =>
      void send(socket, [`HTTP/1.1 200 OK\r\nContent-Length: ${data.length}\r\n\r\n`, data.subarray(0, 5000), data.subarray(5000)]);
    expect((await readAll(await rawGet({ socketPath: socketPath() }, '/x'))).equals(data)).toBe(true);
    answer = (socket) => void send(socket, ['HTTP/1.1 200 OK\r\n\r\n', data]);
    expect((await readAll(await rawGet({ socketPath: socketPath() }, '/x'))).equals(data)).toBe(true);
  });

  it('fails the body when the connection ends mid-chunk: a truncated export never looks complete', async () => {
    answer = (socket) => void send(socket, [OK_CHUNKED, '400\r\n', randomBytes(100)]);
    const body = await rawGet({ socketPath: socketPath() }, '/x');
    await expect(readAll(body)).rejects.toMatchObject({ message: 'aborted', code: 'ECONNRESET' });
  });

  it('fails the body when the last chunk never comes, or when Content-Length is not reached', async () => {
    answer = (socket) => void send(socket, [OK_CHUNKED, '3\r\nabc\r\n']);
    await expect(readAll(await rawGet({ socketPath: socketPath() }, '/x'))).rejects.toMatchObject({ code: 'ECONNRESET' });
    answer = (socket) => void send(socket, ['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n', 'abc']);
    await expect(readAll(await rawGet({ socketPath: socketPath() }, '/x'))).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('rejects a malformed chunk size or a missing CRLF after a chunk', async () => {
    answer = (socket) => void send(socket, [OK_CHUNKED, 'zz\r\nabc\r\n0\r\n\r\n']);
    await expect(readAll(await rawGet({ socketPath: socketPath() }, '/x'))).rejects.toThrow(/malformed chunk size/);
    answer = (socket) => void send(socket, [OK_CHUNKED, '3\r\nabcX\r\n0\r\n\r\n']);
    await expect(readAll(await rawGet({ socketPath: socketPath() }, '/x'))).rejects.toThrow(/no CRLF after a chunk/);
  });

  it('turns a 404 into the error shape docker-modem gives (statusCode, json.message)', async () => {
    const json = JSON.stringify({ message: 'No such image: nope:1' });
    answer = (socket) =>
      void send(socket, [
        `HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
        chunked(Buffer.from(json), 7),
      ]);
    const failure = rawGet({ socketPath: socketPath() }, '/images/nope:1/get');
    await expect(failure).rejects.toBeInstanceOf(EngineHttpError);
    await expect(failure).rejects.toMatchObject({ statusCode: 404, json: { message: 'No such image: nope:1' } });
  });

  it('rejects a response that is not HTTP, and a connection closed before any answer', async () => {
    answer = (socket) => void send(socket, ['SSH-2.0-OpenSSH\r\n\r\n']);
    await expect(rawGet({ socketPath: socketPath() }, '/x')).rejects.toThrow(/not HTTP\/1\.1/);
    answer = (socket) => socket.end();
    await expect(rawGet({ socketPath: socketPath() }, '/x')).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('rejects with the socket error when nothing listens', async () => {
    await expect(rawGet({ socketPath: join(dir, 'missing.sock') }, '/x')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps memory bounded: a slow consumer pauses the socket instead of queueing the body', async () => {
    const data = randomBytes(8 << 20);
    answer = (socket) => {
      socket.write(OK_CHUNKED);
      socket.end(chunked(data, 65_536));
    };
    const body = await rawGet({ socketPath: socketPath() }, '/x');
    let peakQueued = 0;
    let total = 0;
    for await (const chunk of body) {
      total += (chunk as Buffer).length;
      peakQueued = Math.max(peakQueued, body.readableLength);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(total).toBe(data.length);
    expect(peakQueued).toBeLessThanOrEqual(256 * 1024);
  });
});

describe('rawGet with an absorber (a cached layer hashed straight off the socket)', () => {
  it('offers each piece to the absorber only while nothing is queued, so the bytes stay in order', async () => {
    const data = randomBytes(2 << 20);
    const wire = chunked(data, 40_000);
    const pieces: Buffer[] = [];
    for (let at = 0, i = 0; at < wire.length; i++) {
      const size = [1000, 70_000, 3, 40_001, 300_000][i % 5]!; // framing lands across reads
      pieces.push(wire.subarray(at, at + size));
      at += size;
    }
    answer = (socket) => void send(socket, [OK_CHUNKED, ...pieces]);
    const body = await rawGetWith({ socketPath: socketPath() }, '/x', {}, { absorbing: true });
    const seen: Buffer[] = [];
    let offered = 0;
    let absorbed = 0;
    body.absorber = {
      absorb: (piece) => {
        offered++;
        expect(body.readableLength).toBe(0);
        const take = offered % 3 === 0 ? piece.length : Math.floor(piece.length / 2); // all, or the first half
        seen.push(Buffer.from(piece.subarray(0, take))); // a borrowed piece: copied to keep it
        absorbed += take;
        return take;
      },
    };
    let counted = 0;
    body.on('absorbed', (bytes: number) => (counted += bytes));
    for await (const chunk of body) {
      seen.push(chunk as Buffer);
      await new Promise((resolve) => setImmediate(resolve)); // a slow consumer: pieces queue up meanwhile
    }
    expect(absorbed).toBeGreaterThan(0);
    expect(counted).toBe(absorbed);
    expect(Buffer.concat(seen).equals(data)).toBe(true);
  });
});

describe('rawGet over TCP (DOCKER_HOST=tcp://… without TLS)', () => {
  it('reads the same chunked body from a host and port', async () => {
    const data = randomBytes(100_000);
    const tcp = createServer((socket) => {
      socket.once('data', () => void send(socket, [OK_CHUNKED, chunked(data, 9_999)]));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = tcp.address() as { port: number };
      expect((await readAll(await rawGetWith({ host: '127.0.0.1', port }, '/images/x/get'))).equals(data)).toBe(true);
    } finally {
      await new Promise((resolve) => tcp.close(resolve));
    }
  });
});

describe('rawEndpoint (which engines take the raw path)', () => {
  it('takes unix sockets and plain http://, leaves TLS, SSH and named pipes to docker-modem', () => {
    expect(rawEndpoint({ socketPath: '/run/docker.sock' })).toEqual({ socketPath: '/run/docker.sock' });
    expect(rawEndpoint({ host: '10.0.0.5', port: '2375', protocol: 'http' })).toEqual({ host: '10.0.0.5', port: 2375 });
    expect(rawEndpoint({ host: '10.0.0.5', port: 2376, protocol: 'https' })).toBeUndefined();
    expect(rawEndpoint({ host: '10.0.0.5', port: 2376, protocol: 'http', ca: 'x' })).toBeUndefined();
    expect(rawEndpoint({ host: 'engine', port: 22, protocol: 'ssh' })).toBeUndefined();
    expect(rawEndpoint({ socketPath: '//./pipe/docker_engine' })).toBeUndefined();
  });
});
