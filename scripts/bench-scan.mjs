#!/usr/bin/env node
// Text-scanning benchmark (not a test): MB/s of imagegate's file scanner on one core, next to the
// number of secret formats it checks. Pure CPU: no engine, no network.
//
//   npm run build && node scripts/bench-scan.mjs [--runs N] [--limit MB] [--kinds] [--json]
//
// The corpus is this machine's own text: python sources, docs, headers, perl and node modules
// under /usr (up to --limit MB, default 200), read into memory first so only scanning is timed.
// Each file is scanned as /app<path> in 64 KiB chunks, as the layer walk hands them over.
// It prints MB/s of wall time and MB per CPU second: on a shared machine the second is the steadier.
// --kinds lists the findings by kind (a quick look for false positives on real text).
// bench.mjs calls benchScan() for its text-scan row.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));

/** Regular text files under a few /usr trees, up to `limit` bytes in total. */
export function textCorpus(limit = 200e6) {
  const roots = [
    '/usr/lib/python3',
    ...readdirSync('/usr/lib')
      .filter((d) => /^python3\.\d+$/.test(d))
      .map((d) => `/usr/lib/${d}`),
    '/usr/share/doc',
    '/usr/include',
    '/usr/share/perl5',
    '/usr/lib/node_modules',
  ];
  const files = [];
  let total = 0;
  const visit = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (total >= limit) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() && /\.(py|txt|md|h|hpp|pm|pl|js|json|rst|html|cfg|ini|sh)$/.test(entry.name)) {
        const size = statSync(path).size;
        if (size > 0 && size < 8e6) {
          files.push(path);
          total += size;
        }
      }
    }
  };
  for (const root of roots) visit(root);
  return { files, bytes: total };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Scan the corpus `runs` times; returns MB/s (median), the rule count and the findings by kind. */
export async function benchScan({ runs = 3, limit = 200e6, log = () => {} } = {}) {
  const { createFileScanner, SECRET_FORMATS } = await import(join(REPO, 'dist', 'secrets', 'index.js'));
  const { files, bytes } = textCorpus(limit);
  log(`text scan corpus: ${files.length} files, ${(bytes / 1e6).toFixed(0)} MB (read into memory first, so only scanning is timed)`);
  const contents = files.map((f) => [f, readFileSync(f)]);
  const CHUNK = 64 * 1024;
  const seconds = [];
  const cpuSeconds = [];
  const shaCpuSeconds = [];
  const kinds = new Map();
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let found = 0;
    for (const [path, data] of contents) {
      // Named as a source file inside an image, so every file is scanned (no path filter skips it).
      const scanner = createFileScanner(`/app${path}`, data.length);
      if (!scanner) continue;
      for (let at = 0; at < data.length; at += CHUNK) if (!scanner.write(data.subarray(at, at + CHUNK))) break;
      const matches = scanner.end();
      found += matches.length;
      if (r === 0) for (const m of matches) kinds.set(m.kind, [...(kinds.get(m.kind) ?? []), `${path}:${m.line}`]);
    }
    seconds.push((performance.now() - t0) / 1000);
    const cpu = process.cpuUsage(cpu0);
    cpuSeconds.push((cpu.user + cpu.system) / 1e6);
    // The same bytes through SHA-256 right after, in the same process: on a loaded machine the
    // ratio of the two holds where absolute figures do not.
    const h0 = process.cpuUsage();
    for (const [, data] of contents) createHash('sha256').update(data).digest();
    const h = process.cpuUsage(h0);
    shaCpuSeconds.push((h.user + h.system) / 1e6);
    log(
      `imagegate text scan run ${r + 1}/${runs}: ${(bytes / 1e6 / seconds.at(-1)).toFixed(0)} MB/s wall, ${(bytes / 1e6 / cpuSeconds.at(-1)).toFixed(0)} MB per CPU second (${found} matches); SHA-256 of the same bytes ${(bytes / 1e6 / shaCpuSeconds.at(-1)).toFixed(0)} MB per CPU second`,
    );
  }
  const tokenRules = SECRET_FORMATS.filter((f) => f.source === 'token').length;
  // Wall time is what a user waits; CPU time is the per-core cost, and holds steadier on a busy machine.
  return {
    files: files.length,
    bytes,
    mbs: bytes / 1e6 / median(seconds),
    cpuMbs: bytes / 1e6 / median(cpuSeconds),
    shaCpuMbs: bytes / 1e6 / median(shaCpuSeconds),
    rules: SECRET_FORMATS.length,
    tokenRules,
    kinds: Object.fromEntries(kinds),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const value = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const result = await benchScan({
    runs: Number(value('--runs') ?? 3),
    limit: Number(value('--limit') ?? 200) * 1e6,
    log: (msg) => process.stderr.write(`bench-scan: ${msg}\n`),
  });
  console.log(
    `text scan, one core: ${result.mbs.toFixed(0)} MB/s (${result.cpuMbs.toFixed(0)} MB per CPU second) with ${result.rules} secret formats (${result.tokenRules} provider token rules), ${result.files} files, ${(result.bytes / 1e6).toFixed(0)} MB of /usr text (median of runs); ${(result.cpuMbs / result.shaCpuMbs).toFixed(2)}x the speed of SHA-256 over the same bytes`,
  );
  if (args.includes('--kinds'))
    for (const [kind, where] of Object.entries(result.kinds)) console.log(`  ${kind}: ${where.length} (${where.slice(0, 5).join(', ')})`);
  if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
}
