// A registry that behaves like the S3/CDN-backed ones: a proxy in front of a real test registry
// answers authorized blob GETs with a 307 to a separate "storage" listener on another loopback
// address, which serves the blob under a signed-looking URL and records every request's headers.
// Optionally the proxy speaks TLS, to show an HTTPS registry redirecting down to plain HTTP.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BLOB = /^\/v2\/(.+)\/blobs\/(sha256:[a-f0-9]{64})$/;

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface BlobStorage {
  /** "127.0.0.2:PORT": another host than the registry's 127.0.0.1. */
  host: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export interface RedirectingProxy {
  host: string;
  /** Every request the proxy (the registry, to the client) received. */
  requests: SeenRequest[];
  /** The signature-like query every redirect carried: it must never reach a message. */
  signature: string;
  close(): Promise<void>;
}

const seen = (req: IncomingMessage): SeenRequest => ({ method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers } });

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/** Serves /storage/<repo>/blobs/<digest> by fetching it from the registry with the test's own login. */
export async function startBlobStorage(upstream: string, login: { username: string; password: string }): Promise<BlobStorage> {
  const requests: SeenRequest[] = [];
  const auth = `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}`;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(seen(req));
    const match = /^\/storage\/(.+)\/blobs\/(sha256:[a-f0-9]{64})\?/.exec(req.url ?? '');
    if (!match) return void res.writeHead(404).end();
    fetch(`http://${upstream}/v2/${match[1]}/blobs/${match[2]}`, { headers: { authorization: auth } }).then(
      (answer) => {
        if (!answer.ok || !answer.body) return void res.writeHead(502).end();
        const length = answer.headers.get('content-length');
        res.writeHead(200, { 'content-type': 'application/octet-stream', ...(length ? { 'content-length': length } : {}) });
        Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream<Uint8Array>).pipe(res);
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  return { host: `127.0.0.2:${(server.address() as AddressInfo).port}`, requests, close: closer(server) };
}

/**
 * Passes everything to the registry at `upstream`, except blob GETs that carry credentials (the
 * registry has checked access, as a real one does before redirecting): those get a 307 to `storage`.
 */
export async function startRedirectingProxy(
  upstream: string,
  storage: string,
  options: { tls?: { key: Buffer; cert: Buffer }; listen?: string } = {},
): Promise<RedirectingProxy> {
  const [upstreamHost, upstreamPort] = upstream.split(':');
  const requests: SeenRequest[] = [];
  const signature = randomBytes(16).toString('hex');
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    requests.push(seen(req));
    const blob = BLOB.exec(req.url ?? '');
    if (req.method === 'GET' && blob && req.headers.authorization) {
      res.writeHead(307, { location: `http://${storage}/storage/${blob[1]}/blobs/${blob[2]}?X-Amz-Expires=300&X-Amz-Signature=${signature}` });
      return void res.end();
    }
    const forward = request({ host: upstreamHost, port: Number(upstreamPort), method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  };
  const server = options.tls ? createTlsServer(options.tls, handler) : createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, options.listen ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `${options.listen && options.listen !== '0.0.0.0' ? options.listen : '127.0.0.1'}:${port}`,
    requests,
    signature,
    close: closer(server),
  };
}

/** A throwaway self-signed certificate for `name`; its PEM doubles as the CA file for NODE_EXTRA_CA_CERTS. */
export async function selfSignedCertificate(dir: string, name: string): Promise<{ key: Buffer; cert: Buffer; certPath: string }> {
  const keyPath = join(dir, 'tls.key');
  const certPath = join(dir, 'tls.crt');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyPath,
    '-out',
    certPath,
    '-days',
    '1',
    '-subj',
    `/CN=${name}`,
    '-addext',
    `subjectAltName=DNS:${name}`,
  ]);
  return { key: await readFile(keyPath), cert: await readFile(certPath), certPath };
}
