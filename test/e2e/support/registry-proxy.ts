// An HTTP proxy in front of a real test registry that misbehaves on blob downloads on purpose:
// 5xx answers, 429 with Retry-After, bodies cut short, bytes altered. Everything else passes through.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type BlobFault =
  /** Answer the first `times` blob requests with `status` (and Retry-After when given). */
  | { kind: 'status'; status: number; times: number; retryAfter?: string }
  /** Send the headers and half the body of every blob, then drop the connection. */
  | { kind: 'truncate' }
  /** Flip one byte in the middle of every blob of more than 1 kB (same length, wrong digest). */
  | { kind: 'corrupt' };

export interface RegistryProxy {
  host: string;
  /** Blob requests seen: status answered and when (ms since the epoch). */
  blobRequests: { status: number; at: number }[];
  close(): Promise<void>;
}

const BLOB = /^\/v2\/.+\/blobs\/sha256:[a-f0-9]{64}$/;

export async function startRegistryProxy(upstream: string, fault: BlobFault): Promise<RegistryProxy> {
  const [upstreamHost, upstreamPort] = upstream.split(':');
  const blobRequests: RegistryProxy['blobRequests'] = [];
  let faulted = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const isBlob = req.method === 'GET' && BLOB.test(req.url ?? '');
    if (isBlob && fault.kind === 'status' && faulted < fault.times) {
      faulted++;
      blobRequests.push({ status: fault.status, at: Date.now() });
      res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) });
      return void res.end(JSON.stringify({ errors: [{ code: 'UNAVAILABLE', message: 'injected by the test proxy' }] }));
    }
    const forward = request({ host: upstreamHost, port: Number(upstreamPort), method: req.method, path: req.url, headers: req.headers }, (answer) => {
      if (isBlob) blobRequests.push({ status: answer.statusCode ?? 0, at: Date.now() });
      if (!isBlob || answer.statusCode !== 200 || fault.kind === 'status') {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        return void answer.pipe(res);
      }
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        res.writeHead(200, answer.headers);
        if (fault.kind === 'truncate') {
          res.write(body.subarray(0, body.length >> 1));
          // Give the half a moment to leave, then drop the connection mid-body.
          setTimeout(() => res.socket?.destroy(), 50);
          return;
        }
        if (body.length > 1024) body[body.length >> 1] = body[body.length >> 1]! ^ 0xff;
        res.end(body);
      });
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    blobRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
