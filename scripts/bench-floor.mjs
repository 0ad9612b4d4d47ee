#!/usr/bin/env node
// How fast could any single-threaded Node reader check an engine export on this machine? (Not a test.)
//
//   npm run bench:floor   (= npm run build && bash scripts/with-test-services.sh node scripts/bench-floor.mjs)
//   node scripts/bench-floor.mjs [--runs N] [IMAGE]      (default imagegate-bench/fat:1, 3 runs; a
//                                                        missing bench image is prepared by bench.mjs)
//
// Each run, in this order and each in a fresh process: `docker save IMAGE > /dev/null`, then the
// same export (GET /images/{name}/get) read off the engine's socket by a minimal reader that does
// only what its mode says, in one synchronous pass per socket read, with no stream objects:
//   read    HTTP de-chunking, nothing else
//   verify  + SHA-256 of every layer (what checking the diffIDs costs)
//   scan    + both tar levels (headers only) and imagegate's own file scanner on every file it
//           would scan: the work a check cannot skip, without the entries index, the final
//           filesystem, package databases, rules or report
//   index   + every entry recorded in imagegate's own entries index (LayerEntries)
//   check   `imagegate check --no-cache --format json IMAGE` itself
// It prints the median wall time of each next to docker save's, so a time target relative to
// docker save can be compared with what the machine allows at all. The reader is deliberately
// simple (classic and OCI save layouts, ustar, PAX and GNU long names, uncompressed layers); it
// is a yardstick, not a second implementation.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const MODES = ['read', 'verify', 'scan', 'index'];

async function compare(image, runs) {
  prepare(image);
  const rows = new Map([['docker save', []], ...MODES.map((m) => [m, []]), ['check', []]]);
  for (let i = 0; i < runs; i++) {
    rows.get('docker save').push(await timed('docker', ['save', image]));
    for (const mode of MODES) rows.get(mode).push(await timed(process.execPath, [fileURLToPath(import.meta.url), '--one', mode, image]));
    rows.get('check').push(await timed(process.execPath, [`${REPO}dist/cli/bin.js`, 'check', '--no-cache', '--format', 'json', image], [0, 1]));
    process.stderr.write(`bench-floor: run ${i + 1}/${runs}: ${[...rows].map(([k, v]) => `${k} ${v.at(-1).toFixed(2)} s`).join(', ')}\n`);
  }
  const save = median(rows.get('docker save'));
  console.log(`${image}, median of ${runs} runs (wall time of the whole process, like docker save's)`);
  for (const [name, walls] of rows) {
    const m = median(walls);
    console.log(
      `${name.padEnd(12)} ${m.toFixed(2).padStart(6)} s  ${(m / save).toFixed(2)}x docker save   (${walls.map((w) => w.toFixed(2)).join(', ')})`,
    );
  }
}

/** A bench image not on this engine yet is built, or loaded from its cached tar, by bench.mjs. */
function prepare(image) {
  if (spawnSync('docker', ['image', 'inspect', image], { stdio: 'ignore' }).status === 0) return;
  const bench = /^imagegate-bench\/(fat|python|big):1$/.exec(image);
  if (!bench) throw new Error(`${image} is not on the engine at ${process.env.DOCKER_HOST ?? 'the default socket'}`);
  const prepared = spawnSync(process.execPath, [`${REPO}scripts/bench.mjs`, '--prepare-only', '--images', bench[1]], { stdio: 'inherit' });
  if (prepared.status !== 0) throw new Error(`preparing ${image} failed`);
}

function timed(cmd, argv, okCodes = [0]) {
  return new Promise((resolve, reject) => {
    const devnull = openSync('/dev/null', 'w');
    const t0 = performance.now();
    const child = spawn(cmd, argv, { stdio: ['ignore', devnull, 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => {
      closeSync(devnull);
      if (!okCodes.includes(code)) reject(new Error(`${cmd} ${argv.join(' ')} exited ${code}`));
      else resolve((performance.now() - t0) / 1000);
    });
  });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ---------------------------------------------------------------- the minimal reader

async function readOnce(mode, image) {
  const { createFileScanner, finishScan } = await import(`${REPO}dist/secrets/file-scanner.js`);
  const { LayerEntries } = await import(`${REPO}dist/layers/layer-entries.js`);
  const { normalizeTarPath } = await import(`${REPO}dist/layers/tar-path.js`);
  const host = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  const tcp = host.startsWith('unix://') ? undefined : new URL(host.replace(/^tcp:/, 'http:'));
  const socket = tcp ? connect(Number(tcp.port), tcp.hostname) : connect(host.slice('unix://'.length));
  const started = performance.now();
  let firstByte = 0;
  const stats = { layers: 0, files: 0, scannedBytes: 0 };

  const layerSink = () => {
    stats.layers++;
    const hash = mode === 'read' ? undefined : createHash('sha256');
    const entries = mode === 'index' ? new LayerEntries() : undefined;
    const onEntry = entries
      ? (e) => entries.add(normalizeTarPath(e.name), e.type, e.type === 'file' ? e.size : 0, e.mode, e.uid, e.gid, e.linkname)
      : undefined;
    const inner = mode === 'scan' || mode === 'index' ? new TarReader((path, size) => fileSink(path, size), onEntry) : undefined;
    return {
      data(b, s, e) {
        hash?.update(b.subarray(s, e));
        inner?.push(b, s, e);
      },
      end() {
        hash?.digest('hex');
        entries?.seal();
      },
    };
  };
  const fileSink = (path, size) => {
    stats.files++;
    const scanner = createFileScanner(path, size);
    if (!scanner) return undefined;
    let wanted = true;
    return {
      data(b, s, e) {
        if (!wanted) return;
        stats.scannedBytes += e - s;
        wanted = scanner.write(b.subarray(s, e));
      },
      end: () => finishScan(scanner),
    };
  };
  const outer = new TarReader((path) => (path.endsWith('/layer.tar') || path.startsWith('/blobs/') ? layerSink() : undefined));
  const http = new HttpBody((b, s, e) => outer.push(b, s, e));

  socket.on('connect', () =>
    socket.write(`GET /images/get?names=${encodeURIComponent(image)} HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n`),
  );
  socket.on('data', (b) => {
    if (firstByte === 0) firstByte = performance.now();
    http.push(b);
  });
  await new Promise((resolve, reject) => {
    socket.on('end', resolve);
    socket.on('error', reject);
  });
  const cpu = process.cpuUsage();
  const line = `bench-floor ${mode}: first byte ${(firstByte - started).toFixed(0)} ms, then ${(performance.now() - firstByte).toFixed(0)} ms; ${stats.layers} layers, ${stats.files} files, ${(stats.scannedBytes / 1e6).toFixed(0)} MB scanned; CPU user ${(cpu.user / 1e6).toFixed(2)} s, system ${(cpu.system / 1e6).toFixed(2)} s`;
  process.stderr.write(`${line}\n`);
}

/** An HTTP/1.1 response: skips the head (200 or exit), then hands on the body, de-chunked if chunked. */
class HttpBody {
  constructor(onBody) {
    this.onBody = onBody;
    this.head = Buffer.alloc(0);
    this.chunked = undefined;
    this.left = 0;
    this.line = '';
  }

  push(b) {
    let at = 0;
    if (this.chunked === undefined) {
      this.head = Buffer.concat([this.head, b]);
      const end = this.head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const text = this.head.toString('latin1', 0, end);
      if (!/^HTTP\/1\.[01] 200/.test(text)) {
        process.stderr.write(`bench-floor: the engine answered ${JSON.stringify(text.split('\r\n')[0])}\n`);
        process.exit(2);
      }
      this.chunked = /\r\ntransfer-encoding:\s*chunked/i.test(text);
      b = this.head.subarray(end + 4);
    }
    if (!this.chunked) return this.onBody(b, at, b.length);
    while (at < b.length) {
      if (this.left > 0) {
        const n = Math.min(this.left, b.length - at);
        this.onBody(b, at, at + n);
        at += n;
        this.left -= n;
        continue;
      }
      const nl = b.indexOf(10, at);
      if (nl < 0) {
        this.line += b.toString('latin1', at);
        return;
      }
      const line = (this.line + b.toString('latin1', at, nl)).trim();
      this.line = '';
      at = nl + 1;
      if (line !== '') this.left = parseInt(line, 16);
    }
  }
}

/**
 * A tar read in one pass: `onFile(path, size)` may return a sink ({data(b, start, end), end()}) for a
 * regular file's bytes; `onEntry` (optional) sees every entry's name, type, size, mode, uid, gid, link.
 */
class TarReader {
  constructor(onFile, onEntry) {
    this.onFile = onFile;
    this.onEntry = onEntry;
    this.header = Buffer.alloc(512);
    this.filled = 0;
    this.left = 0;
    this.padding = 0;
    this.sink = undefined;
    this.longName = undefined; // from a PAX 'x' or GNU 'L' entry, for the next entry
    this.notTar = false;
    this.collect = undefined; // the bytes of such an entry while they arrive
  }

  push(b, s, e) {
    while (s < e && !this.notTar) {
      if (this.left > 0) {
        const n = Math.min(this.left, e - s);
        if (this.collect) this.collect.push(Buffer.from(b.subarray(s, s + n)));
        else this.sink?.data(b, s, s + n);
        s += n;
        this.left -= n;
        if (this.left === 0) this.endEntry();
        continue;
      }
      if (this.padding > 0) {
        const n = Math.min(this.padding, e - s);
        s += n;
        this.padding -= n;
        continue;
      }
      const n = Math.min(512 - this.filled, e - s);
      b.copy(this.header, this.filled, s, s + n);
      this.filled += n;
      s += n;
      if (this.filled === 512) {
        this.filled = 0;
        this.startEntry();
      }
    }
  }

  startEntry() {
    const h = this.header;
    if (h[0] === 0) return; // end-of-archive blocks
    const size = parseInt(field(h, 124, 12) || '0', 8);
    // An OCI blob that is not a tar (a config or manifest): hashed as a layer would be, not parsed.
    this.notTar = h.toString('latin1', 257, 262) !== 'ustar' || !Number.isSafeInteger(size);
    if (this.notTar) return;
    const type = String.fromCharCode(h[156] || 0x30);
    const prefix = field(h, 345, 155);
    const name = this.longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100));
    this.left = size;
    this.padding = (512 - (size % 512)) % 512;
    this.sink = undefined;
    this.collect = undefined;
    if (type === 'x' || type === 'L') {
      this.collect = [];
      this.collectType = type;
      if (size === 0) this.endEntry();
      return;
    }
    if (type === 'g') return;
    this.longName = undefined;
    const linkname = field(h, 157, 100) || undefined;
    this.onEntry?.({ name, type: ENTRY_TYPES[type] ?? 'other', size, mode: octal(h, 100), uid: octal(h, 108), gid: octal(h, 116), linkname });
    if ((type === '0' || type === '7') && size > 0) this.sink = this.onFile(`/${name.replace(/^\.?\/+/, '')}`, size);
  }

  endEntry() {
    if (this.collect) {
      const text = Buffer.concat(this.collect).toString('utf8');
      this.longName = this.collectType === 'L' ? text.replace(/\0.*$/s, '') : (/(?:^|\n)\d+ path=([^\n]*)\n/.exec(text)?.[1] ?? this.longName);
      this.collect = undefined;
      return;
    }
    this.sink?.end();
    this.sink = undefined;
  }
}

const ENTRY_TYPES = { 0: 'file', 7: 'file', 1: 'hardlink', 2: 'symlink', 5: 'directory' };

function octal(h, at) {
  return parseInt(field(h, at, 8) || '0', 8) || 0;
}

function field(h, at, length) {
  const end = h.indexOf(0, at);
  return h.toString('utf8', at, end >= 0 && end < at + length ? end : at + length).trim();
}

// ---------------------------------------------------------------- main (last: the classes above must exist)

const args = process.argv.slice(2);
if (args[0] === '--one') {
  await readOnce(args[1], args[2]);
} else {
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  const image = args.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1))[0] ?? 'imagegate-bench/fat:1';
  await compare(image, runs);
}
