// Reads an image export (GET /images/…/get) straight off the engine's socket, without Node's HTTP client.
//
// Why: the export is the one response that is large (the whole image, often gigabytes). Through
// http.IncomingMessage each 64 KiB socket read also passes the HTTP parser and a second stream,
// and on a 2-core runner that was a measurable share of a check (docs/benchmarks.md, "Measurements
// behind code choices"). This module speaks just enough
// HTTP/1.1 for that one GET: status line, headers, then a chunked, sized or close-delimited body.
// Every other request (inspect, list) stays on docker-modem, and so does any export that needs
// TLS or SSH: only plain unix-socket and http:// engines take this path.
import { connect, type Socket } from 'node:net';
import { Readable } from 'node:stream';

/** Where a plain-HTTP engine listens (what docker-modem resolved from DOCKER_HOST). */
export type RawEndpoint = { socketPath: string } | { host: string; port: number };

/** The subset of a docker-modem instance this module reads. */
export interface ModemLike {
  socketPath?: string | (() => string);
  host?: string;
  port?: string | number;
  protocol?: string;
  version?: string;
  headers?: Record<string, string>;
  ca?: unknown;
  cert?: unknown;
  key?: unknown;
}

/** The endpoint when the modem talks plain HTTP (unix socket or http://), undefined for TLS, SSH or named pipes. */
export function rawEndpoint(modem: ModemLike): RawEndpoint | undefined {
  if (modem.ca !== undefined || modem.cert !== undefined || modem.key !== undefined) return undefined;
  if (modem.host === undefined || modem.host === '') {
    const socketPath = typeof modem.socketPath === 'function' ? modem.socketPath() : modem.socketPath;
    if (typeof socketPath !== 'string' || socketPath === '' || socketPath.startsWith('//./pipe/')) return undefined;
    return { socketPath };
  }
  if (modem.protocol !== 'http') return undefined;
  const port = Number(modem.port);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  return { host: modem.host, port };
}

/** The engine's answer when it is not 200: the shape docker-modem gives its errors, so callers explain both alike. */
export class EngineHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly json: { message?: string } | undefined,
    body: string,
  ) {
    super(`(HTTP code ${statusCode}) ${json?.message ?? body.trim()}`);
    this.name = 'EngineHttpError';
  }
}

const MAX_HEAD_BYTES = 64 * 1024; // status line + headers; an engine sends a few hundred bytes
const MAX_ERROR_BODY_BYTES = 64 * 1024;
const MAX_CHUNK_LINE = 1024;

/**
 * Sends `GET path` and resolves with the body as a byte stream once a 200 arrives; rejects with an
 * EngineHttpError (statusCode, json) for any other status, or with the socket's error (ECONNREFUSED…).
 * The body fails with an 'aborted' ECONNRESET error if the connection ends before the body does: a
 * truncated export must never look complete.
 */
export function rawGet(
  endpoint: RawEndpoint,
  path: string,
  headers: Record<string, string> = {},
  options: ExportReadOptions = {},
): Promise<ExportBody> {
  return new Promise((resolve, reject) => {
    const where = 'socketPath' in endpoint ? { path: endpoint.socketPath } : { port: endpoint.port, host: endpoint.host };
    // With a reused read buffer every piece handed on is borrowed: whatever is kept or queued is copied.
    const readBuffer = options.absorbing ? Buffer.allocUnsafe(REUSED_READ_BUFFER) : undefined;
    const socket: Socket = connect(
      readBuffer
        ? {
            ...where,
            onread: { buffer: readBuffer, callback: (bytes: number, buffer: Buffer): boolean => feedBorrowed(parser, buffer.subarray(0, bytes)) },
          }
        : where,
    );
    const body = new ExportBody(socket, readBuffer !== undefined);
    const parser = new ResponseParser(body, (status, error) => {
      if (status === 200) resolve(body);
      else if (error) reject(error);
    });
    socket.on('connect', () => {
      const lines = [`GET ${path} HTTP/1.1`, 'Host: docker', 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    if (!readBuffer) socket.on('data', (chunk: Buffer) => parser.feed(chunk));
    socket.on('end', () => parser.end());
    socket.on('error', (error) => {
      if (!parser.answered) reject(error);
      else body.destroy(error);
    });
    socket.on('close', () => {
      if (!parser.answered) reject(Object.assign(new Error('the engine closed the connection before answering'), { code: 'ECONNRESET' }));
      else parser.end();
    });
  });
}

/** How the export will be consumed. */
export interface ExportReadOptions {
  /**
   * A consumer will take most of the body through an absorber (a partial check: cached layers are
   * only hashed). Then the socket reads into one reused buffer instead of a fresh one per read: no
   * memory churns for bytes that are hashed and dropped, and what is queued is copied out.
   */
  absorbing?: boolean;
}

/** The size libuv gives each read by default, so queued copies are no larger than before. */
const REUSED_READ_BUFFER = 64 * 1024;

/**
 * A consumer that takes body bytes straight from the socket's data callback, before they are
 * queued (the cached-layer splitter hashing a layer it will not parse). It returns how many bytes
 * of the piece it took, from its start; the rest is queued as usual.
 */
export interface BodyAbsorber {
  absorb(piece: Buffer): number;
}

/** Hands a borrowed read to the parser; pausing (backpressure) is the body's job, so reading goes on here. */
function feedBorrowed(parser: ResponseParser, piece: Buffer): true {
  parser.feed(piece);
  return true;
}

/** The response body; `socket` lets the stall watchdog read the connection's byte counter. */
export class ExportBody extends Readable {
  /** Set by the consumer while it can take bytes synchronously (see BodyAbsorber). */
  absorber: BodyAbsorber | undefined = undefined;

  constructor(
    readonly socket: Socket,
    /** Pieces live in a read buffer that the next read overwrites (ExportReadOptions.absorbing). */
    readonly borrowed = false,
  ) {
    // A small queue on purpose: socket chunks that wait here live through young-generation GCs,
    // get promoted, and their memory then waits for a full GC. With 1 MiB a check of the 1 GB
    // bench image ran 19 full GCs; with 16 KiB it ran 3, and peaked ~20 MB lower.
    super({ highWaterMark: 16 * 1024 });
  }

  override _read(): void {
    if (this.socket.isPaused()) this.socket.resume();
  }

  /**
   * Pushes a piece of the body, pausing the socket while the consumer is full. An absorber is
   * offered the piece first, but only while nothing is queued ahead of it, so bytes stay in order.
   * Why: a cached layer is most of a partial check's export and needs only SHA-256; through the
   * queue, the pipe and a Transform each of its chunks cost more than the hashing itself
   * (docs/benchmarks.md, "A new layer on a cached base").
   */
  deliver(piece: Buffer): void {
    if (this.absorber !== undefined && this.readableLength === 0) {
      const took = this.absorber.absorb(piece);
      if (took > 0) {
        this.emit('absorbed', took);
        if (took === piece.length) return;
        piece = piece.subarray(took);
      }
    }
    if (!this.push(this.borrowed ? Buffer.from(piece) : piece)) this.socket.pause();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.socket.destroy();
    done(error);
  }
}

type BodyMode = { kind: 'chunked' } | { kind: 'length'; left: number } | { kind: 'close' };

/** Incremental HTTP/1.1 response parser for one response; body bytes go to `body` (200) or an error collector. */
class ResponseParser {
  answered = false;
  private head: Buffer[] = [];
  private headBytes = 0;
  private status = 0;
  private mode: BodyMode = { kind: 'close' };
  private done = false;
  /** Chunked decoding: bytes left in the current chunk, or -1 while reading a size line. */
  private chunkLeft = -1;
  private line = '';
  private afterChunk = false; // expecting the CRLF that ends a chunk's data
  private trailers = false;
  private errorBody: Buffer[] = [];
  private errorBytes = 0;

  constructor(
    private readonly body: ExportBody,
    private readonly onStatus: (status: number, error?: Error) => void,
  ) {}

  feed(chunk: Buffer): void {
    if (this.done) return;
    if (!this.answered) {
      this.head.push(this.body.borrowed ? Buffer.from(chunk) : chunk);
      this.headBytes += chunk.length;
      const all = this.head.length === 1 ? chunk : Buffer.concat(this.head);
      const end = all.indexOf('\r\n\r\n');
      if (end === -1) {
        if (this.headBytes > MAX_HEAD_BYTES) this.fail(new Error(`the engine's response headers exceed ${MAX_HEAD_BYTES} bytes`));
        return;
      }
      this.head = [];
      if (!this.parseHead(all.toString('latin1', 0, end))) return;
      chunk = all.subarray(end + 4);
      if (chunk.length === 0) return;
    }
    this.body_(chunk);
  }

  /** The connection ended: complete only if the body was complete (or runs to the close). */
  end(): void {
    if (this.done) return;
    if (this.answered && this.mode.kind === 'close') return this.finish();
    this.fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
  }

  private parseHead(text: string): boolean {
    const [statusLine = '', ...headerLines] = text.split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
    if (!match) {
      this.fail(new Error(`the engine answered with something that is not HTTP/1.1: ${JSON.stringify(statusLine.slice(0, 80))}`));
      return false;
    }
    this.status = Number(match[1]);
    const headers = new Map<string, string>();
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const encoding = headers.get('transfer-encoding')?.toLowerCase();
    const length = headers.get('content-length');
    if (encoding !== undefined && encoding !== 'identity') {
      if (encoding !== 'chunked') {
        this.fail(new Error(`the engine sent the export with Transfer-Encoding ${encoding}, which imagegate does not read`));
        return false;
      }
      this.mode = { kind: 'chunked' };
    } else if (length !== undefined) {
      const left = Number(length);
      if (!/^\d+$/.test(length) || !Number.isSafeInteger(left)) {
        this.fail(new Error(`the engine sent an invalid Content-Length: ${JSON.stringify(length)}`));
        return false;
      }
      this.mode = { kind: 'length', left };
    }
    this.answered = true;
    if (this.status === 200) this.onStatus(200);
    if (this.mode.kind === 'length' && this.mode.left === 0) this.finish();
    return true;
  }

  private body_(chunk: Buffer): void {
    switch (this.mode.kind) {
      case 'close':
        return this.emit(chunk);
      case 'length': {
        const take = Math.min(chunk.length, this.mode.left);
        this.mode.left -= take;
        if (take > 0) this.emit(take === chunk.length ? chunk : chunk.subarray(0, take));
        if (this.mode.left === 0) this.finish();
        return;
      }
      case 'chunked':
        return this.dechunk(chunk);
    }
  }

  private dechunk(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.done) {
      if (this.chunkLeft > 0) {
        const take = Math.min(this.chunkLeft, chunk.length - at);
        this.emit(take === chunk.length ? chunk : chunk.subarray(at, at + take));
        this.chunkLeft -= take;
        at += take;
        if (this.chunkLeft === 0) this.afterChunk = true;
        continue;
      }
      // A line: a chunk size, the CRLF after a chunk's data, or a trailer.
      const nl = chunk.indexOf(0x0a, at);
      const stop = nl === -1 ? chunk.length : nl;
      this.line += chunk.toString('latin1', at, stop);
      at = stop + (nl === -1 ? 0 : 1);
      if (this.line.length > MAX_CHUNK_LINE) return this.fail(new Error('the engine sent a malformed chunked body (a line too long)'));
      if (nl === -1) return;
      const line = this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line;
      this.line = '';
      if (this.afterChunk) {
        if (line !== '') return this.fail(new Error('the engine sent a malformed chunked body (no CRLF after a chunk)'));
        this.afterChunk = false;
      } else if (this.trailers) {
        if (line === '') return this.finish();
      } else {
        const size = /^([0-9a-fA-F]{1,12})(;.*)?$/.exec(line);
        if (!size) return this.fail(new Error(`the engine sent a malformed chunk size: ${JSON.stringify(line.slice(0, 40))}`));
        this.chunkLeft = parseInt(size[1]!, 16);
        if (this.chunkLeft === 0) {
          this.chunkLeft = -1;
          this.trailers = true;
        }
      }
    }
  }

  private emit(piece: Buffer): void {
    if (this.status === 200) return this.body.deliver(piece);
    if (this.errorBytes < MAX_ERROR_BODY_BYTES) {
      const kept = piece.subarray(0, MAX_ERROR_BODY_BYTES - this.errorBytes);
      this.errorBody.push(this.body.borrowed ? Buffer.from(kept) : kept);
      this.errorBytes += piece.length;
    }
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    if (this.status === 200) {
      this.body.push(null);
      return;
    }
    this.body.socket.destroy();
    const text = Buffer.concat(this.errorBody).toString('utf8');
    let json: { message?: string } | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object') json = parsed;
    } catch {
      // not JSON: the text itself is the message
    }
    this.onStatus(this.status, new EngineHttpError(this.status, json, text));
  }

  private fail(error: Error): void {
    if (this.done) return;
    this.done = true;
    this.body.socket.destroy();
    if (this.answered && this.status === 200) this.body.destroy(error);
    else this.onStatus(this.status, error);
  }
}
