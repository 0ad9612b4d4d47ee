#!/usr/bin/env node
// imagegate benchmark (not a test).
//
//   npm run bench   (= npm run build && bash scripts/with-test-services.sh node scripts/bench.mjs)
//
// 1. Prepares realistic Debian images (--images picks which; all three by default):
//    debootstrap --variant=minbase bookworm (cached under .imagegate-services/bench/)
//    -> docker import imagegate-bench/debian:bookworm (167 MB), then docker build:
//    fat     imagegate-bench/fat:1, ~1 GB: apt-get install build-essential python3 python3-dev
//            nodejs npm git (apt lists and downloaded .debs left in, as a careless build would)
//    python  imagegate-bench/python:1, ~300 MB: apt-get install --no-install-recommends python3
//            python3-pip python3-venv python3-numpy python3-requests python3-yaml python3-jinja2
//            python3-flask, apt lists and .debs removed in the same step
//    big     imagegate-bench/big:1, ~3 GB: fat plus two ~1 GB layers of copies of its own
//            files into /opt (/usr and /usr/share; /usr again, the downloaded .debs and the apt
//            lists): ELF binaries, text and compressed archives, about 3.5 times fat's files
//    Each built image is also saved to .imagegate-services/bench/NAME-1.tar, next to a key (a
//    hash of its Dockerfile, and of its parent's key when it is built on another bench image),
//    so that a later run on a fresh private engine only needs `docker load`. Built images carry
//    the key as the label imagegate-bench.recipe; an image on the engine whose label differs
//    is rebuilt (images without the label are taken as they are).
// 2. Measures, N runs each (median), for each selected image:
//    a. `docker save IMAGE > /dev/null` wall time
//    b. `node dist/cli/bin.js check --format json --no-cache IMAGE > /dev/null` (cold) wall
//       time and peak RSS (GNU time -v, "Maximum resident set size")
//    c. the same check with a warm layer cache (primed by one run)
//    c2. partial: a new 7 MB layer on the cached image (imagegate-bench/NAME-app:1, FROM the image):
//       the image is checked once into a cache, and each run checks the app image with a fresh copy
//       of that cache (so every run is a partial one), against docker save of the app image
//    c3. cpu: `docker-archive:` of the image's saved tar, read from page cache (no engine), against
//       `openssl dgst -sha256` of the same file: what reading and hashing alone cost on this CPU
//    then:
//    d. a fleet: 20 small images on the Debian base (each adds one file); `imagegate audit` of
//       all 20 against a cold check of one of them (no cache: shared layers are read once per
//       run because the engine exports the fleet together)
//    e. archives: a FROM-scratch image with a ~100 MB Spring Boot-shaped fat jar (scripts/bench-jar.mjs),
//       checked cold with archives opened (secret-file's default) and with openArchives: false,
//       alternating; the python image (when selected) the same way, to show what images without
//       archives pay for the archive check
//    and prints a table. imagegate exiting 1 (findings) is fine; 2 (error) fails.
// 3. Text scanning: MB/s of imagegate's file scanner on one core over the text files of this
//    machine's /usr (python, docs, headers), next to the number of secret formats checked
//    (scripts/bench-scan.mjs, which also runs alone without an engine), and secretlint (recommended preset, installed into
//    a temp directory from npm) over the same files, for comparison. --no-text skips it.
//
// Options:
//   --runs N          runs per measurement (default 5)
//   --images LIST     comma-separated images to prepare and measure: fat, python, big (and node,
//                     which only the e2e suite prepares)
//                     (default: all three; with --prepare-only: fat)
//   --prepare-only    build/cache the images, print their sizes, measure nothing
//                     (test/e2e/debian-image.test.ts runs it for the fat image)
//   --json            also print the results as JSON
//   --no-text         skip the text-scan comparison
//   --text-only       only the text-scan comparison (no engine needed)
//   --no-fleet        skip the fleet audit row
//   --no-jar          skip the archive (fat jar) comparison
//   --jar-only        only the archive comparison on the fat jar image and the same application
//                     unpacked into loose files, an image without archives (no Debian images)
//   --only ROWS       only these rows, comma-separated: cold, warm, partial, cpu, fleet, jar, text
//                     (default: all of them; overrides the --no-* flags), e.g. --only partial,cpu
//   --engine NAME     the engine to prepare the images on and measure against: default (the
//                     DOCKER_HOST engine, bookworm's 20.10), overlay2 or containerd (the Engine
//                     26.1 instances of scripts/trixie-engines.sh, classic store and containerd
//                     image store; run with IMAGEGATE_TRIXIE_ENGINES=1 npm run bench -- ...).
//                     On those the images are built there, never loaded from the cached tars
//                     (a load keeps the tar's uncompressed layers; a build on the containerd store
//                     stores gzip layers, as its users' images have), and not saved to the cache.
//                     A comma-separated list (default,overlay2,containerd) runs the bench once per
//                     engine, one after the other, each printing its own tables.
// Disk: the engine's vfs driver stores every layer as a full copy, so big:1 takes about 5 GB on
// the engine beyond fat:1's 1.2 GB (3 GB more while it builds), plus its 2.9 GB tar.
// Environment:
//   DOCKER_HOST                  the engine (with-test-services exports it)
//   IMAGEGATE_BENCH_MIRROR       Debian mirror (default: the one in /etc/apt/sources*)
//   IMAGEGATE_BENCH_SAVE_CACHE=0 do not keep the NAME-1.tar files
//   IMAGEGATE_CLI                CLI entry point (default dist/cli/bin.js)

import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdtempSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fatJar, unpackedTree } from './bench-jar.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(REPO, '.imagegate-services', 'bench');
const SUITE = 'bookworm';
const BASE_TAG = `imagegate-bench/debian:${SUITE}`;
const CLI = process.env.IMAGEGATE_CLI || join(REPO, 'dist', 'cli', 'bin.js');
const TIME_BIN = '/usr/bin/time';
const args = process.argv.slice(2);
const opt = {
  runs: Number(valueOf('--runs') ?? 5),
  prepareOnly: args.includes('--prepare-only'),
  json: args.includes('--json'),
  text: !args.includes('--no-text'),
  textOnly: args.includes('--text-only'),
  fleet: !args.includes('--no-fleet'),
  jar: !args.includes('--no-jar'),
  jarOnly: args.includes('--jar-only'),
  images: valueOf('--images'),
  engine: valueOf('--engine') ?? 'default',
  only: valueOf('--only'),
};
const ROWS = ['cold', 'warm', 'partial', 'cpu', 'fleet', 'jar', 'text'];
const onlyRows = opt.only
  ?.split(',')
  .map((r) => r.trim())
  .filter(Boolean);
if (onlyRows && (!onlyRows.length || onlyRows.some((r) => !ROWS.includes(r)))) {
  process.stderr.write(`bench: --only takes a comma-separated list of ${ROWS.join(', ')} (got ${JSON.stringify(opt.only)})\n`);
  process.exit(2);
}
/** Whether a row is measured: --only names it, or (without --only) its --no-* flag is absent. */
const wants = (row) => (onlyRows ? onlyRows.includes(row) : ({ fleet: opt.fleet, jar: opt.jar, text: opt.text }[row] ?? true));
const ENGINE_LIST = opt.engine
  .split(',')
  .map((e) => e.trim())
  .filter(Boolean);
const ENGINE_HOSTS = {
  default: process.env.DOCKER_HOST,
  overlay2: process.env.IMAGEGATE_ENGINE26_OVERLAY2_HOST,
  containerd: process.env.IMAGEGATE_ENGINE26_CONTAINERD_HOST,
};
function usage(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}
for (const engine of ENGINE_LIST) {
  if (!Object.hasOwn(ENGINE_HOSTS, engine))
    usage(`--engine takes default, overlay2 or containerd, or a comma-separated list of them (got ${JSON.stringify(opt.engine)})`);
  if (engine !== 'default' && !ENGINE_HOSTS[engine]) {
    usage(`--engine ${engine}: the Engine 26.1 instances are not running; run IMAGEGATE_TRIXIE_ENGINES=1 npm run bench -- --engine ${engine} ...`);
  }
}
if (ENGINE_LIST.length > 1) {
  // One process per engine: the engine is fixed for a process (its DOCKER_HOST, its images).
  const rest = args.filter((a, i) => a !== '--engine' && args[i - 1] !== '--engine');
  let failed = 0;
  for (const engine of ENGINE_LIST) {
    process.stderr.write(`bench: ---- engine ${engine}\n`);
    console.log(`\n==== engine ${engine}`);
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...rest, '--engine', engine], { stdio: 'inherit' });
    if (r.status !== 0) failed = r.status ?? 1;
  }
  process.exit(failed);
}
const OWN_ENGINE = opt.engine === 'default';
// legacy builder (Engine 20.10, no buildx); the chosen engine for docker and the CLI alike
const DOCKER_ENV = { ...process.env, DOCKER_BUILDKIT: '0', ...(OWN_ENGINE ? {} : { DOCKER_HOST: ENGINE_HOSTS[opt.engine] }) };
function valueOf(name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

// The bench images. `parent` is 'base' (the debootstrap import) or another bench image. A
// Dockerfile changed here is a new key: the cached tar is not loaded and the image is rebuilt.
// fat's key is the hash of its Dockerfile alone, as before there were other images.
const IMAGES = {
  fat: {
    tag: 'imagegate-bench/fat:1',
    file: 'fat-1',
    parent: 'base',
    what: 'apt-get install build-essential python3 python3-dev nodejs npm git (several minutes)',
    dockerfile: `FROM ${BASE_TAG}
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends build-essential python3 python3-dev nodejs npm git
`,
  },
  python: {
    tag: 'imagegate-bench/python:1',
    file: 'python-1',
    parent: 'base',
    what: 'apt-get install python3 python3-pip python3-venv python3-numpy … (a minute or two)',
    dockerfile: `FROM ${BASE_TAG}
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip python3-venv python3-numpy python3-requests python3-yaml python3-jinja2 python3-flask && apt-get clean && rm -rf /var/lib/apt/lists/*
`,
  },
  // Only for the e2e suite (test/e2e/language-images.test.ts), never measured by default: a Node
  // application's dependencies from the npm registry — cloud, payment, messaging and AI SDKs,
  // database clients, a web framework — whose READMEs, tests and examples hold sample credentials.
  node: {
    tag: 'imagegate-bench/node:1',
    file: 'node-1',
    parent: 'fat',
    testOnly: true,
    what: 'fat:1 + npm install of 17 popular packages into /app (a minute or two; needs the npm registry)',
    // The host's CA bundle goes into the build (hostCa): where the registry is reached through a
    // TLS-inspecting proxy that the host trusts, npm inside the build must trust it too.
    hostCa: true,
    dockerfile: `FROM imagegate-bench/fat:1
WORKDIR /app
COPY host-ca.crt /tmp/host-ca.crt
RUN export NODE_EXTRA_CA_CERTS=/tmp/host-ca.crt && npm init -y >/dev/null && npm install --no-audit --no-fund --omit=dev @aws-sdk/client-s3 @aws-sdk/client-dynamodb @aws-sdk/client-secrets-manager @google-cloud/storage firebase-admin @azure/storage-blob @azure/identity stripe twilio @slack/web-api openai pg mysql2 mongodb ioredis redis express && npm cache clean --force && rm /tmp/host-ca.crt
`,
  },
  big: {
    tag: 'imagegate-bench/big:1',
    file: 'big-1',
    parent: 'fat',
    what: 'fat:1 + copies of /usr, /usr/share, .debs and apt lists into /opt (about 10 minutes on vfs)',
    dockerfile: `FROM imagegate-bench/fat:1
RUN cp -a /usr /opt/usr-copy && cp -a /usr/share /opt/share-copy
RUN cp -a /usr /opt/usr-copy-2 && cp -a /var/cache/apt/archives /opt/debs && cp -a /var/lib/apt/lists /opt/apt-lists
`,
  },
};
const IMAGE_NAMES = Object.keys(IMAGES).filter((name) => !IMAGES[name].testOnly);
const RECIPE_LABEL = 'imagegate-bench.recipe';

function selectedImages() {
  if (opt.images === undefined) return opt.prepareOnly ? ['fat'] : IMAGE_NAMES;
  const names = opt.images
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !IMAGES[n]);
  if (unknown.length || !names.length)
    throw new Error(`--images takes a comma-separated list of ${IMAGE_NAMES.join(', ')} (got ${JSON.stringify(opt.images ?? '')})`);
  return [...new Set(names)];
}

/** The image's cache key: its Dockerfile, and its parent's key when built on a bench image. */
function imageKey(name) {
  const image = IMAGES[name];
  const hash = createHash('sha256').update(image.dockerfile);
  if (image.parent !== 'base') hash.update(`\nparent ${imageKey(image.parent)}\n`);
  return hash.digest('hex').slice(0, 12);
}

// ---------------------------------------------------------------- helpers

function log(msg) {
  process.stderr.write(`bench: ${msg}\n`);
}

function fmtSecs(s) {
  return s >= 100 ? `${s.toFixed(0)} s` : `${s.toFixed(1)} s`;
}

/** Run a command, inheriting stderr; resolve {code, stdout}. Rejects only on spawn errors. */
function run(cmd, argv, { env = DOCKER_ENV, stdin, stdout = 'pipe', quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { env, stdio: [stdin ?? 'ignore', stdout, quiet ? 'pipe' : 'inherit'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (b) => (out += b));
    child.stderr?.on('data', (b) => (err += b));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? 128, signal, stdout: out, stderr: err }));
  });
}

async function mustRun(cmd, argv, opts) {
  const r = await run(cmd, argv, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (exit ${r.code})\n${r.stderr}`);
  return r;
}

function dockerSync(argv) {
  return spawnSync('docker', argv, { env: DOCKER_ENV, encoding: 'utf8' });
}

function imageExists(tag) {
  return dockerSync(['image', 'inspect', '--format', '{{.Id}}', tag]).status === 0;
}

function imageSize(tag) {
  const r = dockerSync(['image', 'inspect', '--format', '{{.Size}}', tag]);
  if (r.status !== 0) throw new Error(`docker image inspect ${tag}: ${r.stderr}`);
  return Number(r.stdout.trim());
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ---------------------------------------------------------------- Debian mirror

/** The Debian mirror this machine's apt uses for the main archive (not security). */
function findMirror() {
  if (process.env.IMAGEGATE_BENCH_MIRROR) return process.env.IMAGEGATE_BENCH_MIRROR;
  const files = [];
  if (existsSync('/etc/apt/sources.list')) files.push('/etc/apt/sources.list');
  if (existsSync('/etc/apt/sources.list.d')) {
    for (const f of readdirSync('/etc/apt/sources.list.d').sort()) {
      if (f.endsWith('.list') || f.endsWith('.sources')) files.push(join('/etc/apt/sources.list.d', f));
    }
  }
  const candidates = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    if (f.endsWith('.sources')) {
      // deb822 stanzas
      for (const stanza of text.split(/\n\s*\n/)) {
        const field = (name) => stanza.match(new RegExp(`^${name}:\\s*(.*)$`, 'mi'))?.[1]?.trim() ?? '';
        if (!/\bdeb\b/.test(field('Types')) || /^no$/i.test(field('Enabled'))) continue;
        const suites = field('Suites').split(/\s+/);
        for (const uri of field('URIs').split(/\s+/).filter(Boolean)) {
          if (suites.includes(SUITE)) candidates.push(uri);
        }
      }
    } else {
      for (const line of text.split('\n')) {
        const m = line.match(/^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)\s+/);
        if (m && m[2] === SUITE) candidates.push(m[1]);
      }
    }
  }
  const mirror = candidates.find((u) => !/security/.test(u) && /debian/.test(u)) ?? candidates.find((u) => !/security/.test(u));
  return (mirror ?? 'http://deb.debian.org/debian').replace(/\/+$/, '');
}

// ---------------------------------------------------------------- image preparation

async function debootstrap(mirror) {
  const dir = join(CACHE, `rootfs-${SUITE}-minbase`);
  const done = join(dir, '.imagegate-complete');
  if (existsSync(done) && readFileSync(done, 'utf8').trim() === mirror) {
    log(`reusing debootstrap tree ${dir}`);
    return { dir, seconds: 0 };
  }
  if (process.getuid?.() !== 0) throw new Error('debootstrap needs root');
  const tmp = `${dir}.tmp`;
  unmountUnder(tmp); // a debootstrap that died leaves /proc (and /sys) mounted in its target
  rmSync(tmp, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  log(`debootstrap --variant=minbase ${SUITE} from ${mirror} (a few minutes)`);
  const t0 = performance.now();
  const r = await run('debootstrap', ['--variant=minbase', SUITE, tmp, mirror], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdout: 'pipe',
    quiet: true,
  });
  if (r.code !== 0) {
    const logTail = existsSync(join(tmp, 'debootstrap', 'debootstrap.log'))
      ? readFileSync(join(tmp, 'debootstrap', 'debootstrap.log'), 'utf8')
          .split('\n')
          .slice(-30)
          .join('\n')
      : '';
    unmountUnder(tmp);
    throw new Error(`debootstrap failed (exit ${r.code})\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}\n${logTail}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  // apt inside the image must use the same (reachable) mirror
  writeFileSync(join(tmp, 'etc', 'apt', 'sources.list'), `deb ${mirror} ${SUITE} main\ndeb ${mirror} ${SUITE}-updates main\n`);
  rmSync(join(tmp, 'var', 'cache', 'apt', 'archives'), { recursive: true, force: true });
  mkdirSync(join(tmp, 'var', 'cache', 'apt', 'archives', 'partial'), { recursive: true });
  renameSync(tmp, dir);
  writeFileSync(done, `${mirror}\n`);
  log(`debootstrap took ${fmtSecs(seconds)}`);
  return { dir, seconds };
}

/** Lazily unmounts every mount at or below `dir`, deepest first, so removing the tree never walks into /proc or /sys. */
function unmountUnder(dir) {
  const mounts = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => (line.split(' ')[1] ?? '').replace(/\\(\d{3})/g, (_, octal) => String.fromCharCode(parseInt(octal, 8))))
    .filter((mount) => mount === dir || mount.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const mount of mounts) spawnSync('umount', ['-l', mount], { stdio: 'ignore' });
}

async function importBase(dir) {
  log(`importing ${dir} as ${BASE_TAG}`);
  const t0 = performance.now();
  // a shell pipeline: tar streams the tree straight into docker import
  const r = await run(
    'bash',
    ['-o', 'pipefail', '-c', 'tar --numeric-owner --exclude=./.imagegate-complete -C "$1" -c . | docker import - "$2"', 'import', dir, BASE_TAG],
    { quiet: true },
  );
  if (r.code !== 0) throw new Error(`tar | docker import failed (exit ${r.code})\n${r.stderr}`);
  return (performance.now() - t0) / 1000;
}

/** The CA certificates this machine trusts (public certificates only), or nothing. */
function hostCaBundle() {
  for (const file of [process.env.NODE_EXTRA_CA_CERTS, process.env.SSL_CERT_FILE, '/etc/ssl/certs/ca-certificates.crt']) {
    if (file && existsSync(file)) return readFileSync(file);
  }
  return '';
}

async function buildImage(name, key) {
  const image = IMAGES[name];
  const ctx = mkdtempSync(join(tmpdir(), 'imagegate-bench-ctx-'));
  try {
    writeFileSync(join(ctx, 'Dockerfile'), image.dockerfile);
    if (image.hostCa) writeFileSync(join(ctx, 'host-ca.crt'), hostCaBundle());
    log(`docker build ${image.tag}: ${image.what}`);
    const t0 = performance.now();
    const r = await run('docker', ['build', '--network', 'host', '--force-rm', '--label', `${RECIPE_LABEL}=${key}`, '-t', image.tag, ctx], {
      stdout: 'pipe',
      quiet: true,
    });
    if (r.code !== 0) {
      throw new Error(`docker build ${image.tag} failed (exit ${r.code})\n${r.stdout.slice(-5000)}\n${r.stderr.slice(-3000)}`);
    }
    return (performance.now() - t0) / 1000;
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

/** The image's ID and recipe label on the engine, or undefined when the engine does not have it. */
function onEngine(tag) {
  const r = dockerSync(['image', 'inspect', '--format', '{{.Id}} {{json .Config.Labels}}', tag]);
  if (r.status !== 0) return undefined;
  const [id, labels] = r.stdout.trim().split(/ (.*)/s);
  return { id, recipe: JSON.parse(labels || 'null')?.[RECIPE_LABEL] ?? '' };
}

const prepared = new Map();
let importedBase = false;

/**
 * Make sure bench image `name` exists on the engine: reuse it, docker load its cached tar, or
 * build it (its parent first). Each image is prepared once per run.
 */
function prepareImage(name) {
  if (!prepared.has(name)) prepared.set(name, prepareOnce(name));
  return prepared.get(name);
}

async function prepareOnce(name) {
  const image = IMAGES[name];
  const key = imageKey(name);
  const savedTar = join(CACHE, `${image.file}.tar`);
  const savedKey = join(CACHE, `${image.file}.key`);
  const info = { tag: image.tag, key, source: '', debootstrapS: 0, importS: 0, buildS: 0, loadS: 0, cacheSaveS: 0 };

  const existing = onEngine(image.tag);
  if (existing && (existing.recipe === '' || existing.recipe === key)) {
    info.source = 'already on the engine';
  } else if (OWN_ENGINE && existsSync(savedTar) && existsSync(savedKey) && readFileSync(savedKey, 'utf8').trim() === key) {
    log(`docker load -i ${savedTar}`);
    const t0 = performance.now();
    await mustRun('docker', ['load', '-q', '-i', savedTar], { quiet: true });
    info.loadS = (performance.now() - t0) / 1000;
    info.source = `docker load of the cached tar (${fmtSecs(info.loadS)})`;
  } else {
    if (existing) log(`${image.tag} on the engine was built from another recipe (${existing.recipe}, now ${key}): rebuilding`);
    if (image.parent === 'base') {
      const mirror = findMirror();
      log(`Debian mirror: ${mirror}`);
      const { dir, seconds } = await debootstrap(mirror);
      info.debootstrapS = seconds;
      if (!imageExists(BASE_TAG)) {
        info.importS = await importBase(dir);
        importedBase = true;
      }
    } else {
      await prepareImage(image.parent);
    }
    info.buildS = await buildImage(name, key);
    info.source = 'built';
    log(
      `built ${image.tag}: ` +
        (image.parent === 'base'
          ? `debootstrap ${info.debootstrapS ? fmtSecs(info.debootstrapS) : 'cached'}, import ${info.importS ? fmtSecs(info.importS) : 'not needed'}, `
          : '') +
        `docker build ${fmtSecs(info.buildS)}`,
    );
    // the stale image, now untagged (fails harmlessly while another image still uses it)
    if (existing) dockerSync(['image', 'rm', existing.id]);
    if (OWN_ENGINE && process.env.IMAGEGATE_BENCH_SAVE_CACHE !== '0') {
      log(`caching the image as ${savedTar}`);
      const t0 = performance.now();
      await mustRun('docker', ['save', '-o', `${savedTar}.tmp`, image.tag], { quiet: true });
      renameSync(`${savedTar}.tmp`, savedTar);
      writeFileSync(savedKey, `${key}\n`);
      info.cacheSaveS = (performance.now() - t0) / 1000;
      log(`saved in ${fmtSecs(info.cacheSaveS)}`);
    }
  }
  info.size = imageSize(image.tag);
  log(`${image.tag}: ${(info.size / 1e6).toFixed(0)} MB (${info.source})`);
  return info;
}

// ---------------------------------------------------------------- measurement

/**
 * Run `argv` `runs` times under GNU time -v with stdout to /dev/null.
 * Returns median wall seconds, max peak RSS (MB) and the exit codes.
 * okCodes: exit codes that count as success.
 */
async function measure(label, argv, { runs = opt.runs, okCodes = [0] } = {}) {
  const walls = [];
  const rss = [];
  const codes = [];
  for (let i = 0; i < runs; i++) {
    const devnull = openSync('/dev/null', 'w');
    const t0 = performance.now();
    let r;
    try {
      r = await run(TIME_BIN, ['-v', ...argv], { stdout: devnull, quiet: true });
    } finally {
      closeSync(devnull);
    }
    const wall = (performance.now() - t0) / 1000;
    // GNU time prints its report after the command's stderr
    const m = r.stderr.match(/Maximum resident set size \(kbytes\): (\d+)/);
    const exit = r.stderr.match(/Exit status: (\d+)/);
    const code = exit ? Number(exit[1]) : r.code;
    if (!okCodes.includes(code)) {
      const cmdErr = r.stderr.split('\n\tCommand being timed')[0];
      throw new Error(`${label}: ${argv.join(' ')} exited ${code} (run ${i + 1})\n${cmdErr.slice(-4000)}`);
    }
    walls.push(wall);
    if (m) rss.push(Number(m[1]) / 1024);
    codes.push(code);
    log(`${label} run ${i + 1}/${runs}: ${wall.toFixed(2)} s, peak RSS ${m ? (Number(m[1]) / 1024).toFixed(0) : '?'} MB, exit ${code}`);
  }
  return { wallS: median(walls), walls, peakRssMB: rss.length ? Math.max(...rss) : NaN, codes };
}

/**
 * One table row: a reference command (docker save by default) vs imagegate check on `image`. The two
 * alternate run by run, so a slow spell of the machine (shared disks, noisy neighbours) hits both
 * sides alike. `before(i)` runs before each check (untimed) and returns extra check arguments.
 */
async function benchImage(
  image,
  { label = image, checkArgs = ['check', '--format', 'json', '--no-cache'], reference, referenceLabel = 'docker save', target = image, before } = {},
) {
  const size = imageSize(image);
  const saves = [];
  const gates = [];
  for (let i = 0; i < opt.runs; i++) {
    saves.push(await measure(`${referenceLabel} ${label}`, reference ?? ['docker', 'save', image], { runs: 1 }));
    const extra = before ? await before(i) : [];
    gates.push(await measure(`imagegate ${label}`, [process.execPath, CLI, ...checkArgs, ...extra, target], { runs: 1, okCodes: [0, 1] }));
  }
  const saveS = median(saves.map((m) => m.wallS));
  const gateS = median(gates.map((m) => m.wallS));
  return {
    image: label,
    reference: referenceLabel,
    sizeMB: size / 1e6,
    saveS,
    imagegateS: gateS,
    ratio: gateS / saveS,
    ratios: saves.map((m, i) => gates[i].wallS / m.wallS),
    peakRssMB: Math.max(...gates.map((m) => m.peakRssMB)),
    imagegateExit: gates.at(-1).codes.at(-1),
  };
}

function printTable(rows) {
  const head = ['image', 'size MB', 'reference', 'reference s', 'imagegate s', 'ratio', 'peak RSS MB', 'exit'];
  const body = rows.map((r) => [
    r.image,
    r.sizeMB.toFixed(0),
    r.reference,
    r.saveS.toFixed(2),
    r.imagegateS.toFixed(2),
    `${r.ratio.toFixed(2)}x`,
    Number.isNaN(r.peakRssMB) ? '?' : r.peakRssMB.toFixed(0),
    String(r.imagegateExit),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 || i === 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
  console.log(`(median of ${opt.runs} alternating runs; ratio = median imagegate / median reference from the same run; peak RSS = max over runs)`);
  for (const r of rows) console.log(`${r.image}: per-run ratios ${r.ratios.map((x) => x.toFixed(2)).join(', ')}`);
}

// ---------------------------------------------------------------- partial and pure-CPU rows

const APP_LAYER_BYTES = 7 * 1024 * 1024;
const appTag = (name) => `imagegate-bench/${name}-app:1`;

/** NAME-app:1: the bench image plus one new 7 MB layer (random bytes: nothing to compress or scan). */
async function buildAppImage(name) {
  const tag = appTag(name);
  if (imageExists(tag)) return tag;
  const ctx = mkdtempSync(join(tmpdir(), 'imagegate-bench-app-'));
  try {
    writeFileSync(join(ctx, 'app.bin'), randomBytes(APP_LAYER_BYTES));
    writeFileSync(join(ctx, 'settings.py'), `API_URL = "https://api.example.com"\n`);
    writeFileSync(join(ctx, 'Dockerfile'), `FROM ${IMAGES[name].tag}\nCOPY app.bin settings.py /srv/app/\n`);
    log(`docker build ${tag}: ${IMAGES[name].tag} + a new 7 MB layer`);
    await mustRun('docker', ['build', '--force-rm', '-t', tag, ctx], { quiet: true });
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
  return tag;
}

/**
 * Base checked once into a cache; then each run checks the app image with a fresh copy of that
 * cache (copied before the run, untimed), so each run is a partial one, never a warm one.
 */
async function benchPartial(name) {
  const tag = IMAGES[name].tag;
  const app = await buildAppImage(name);
  const work = mkdtempSync(join(tmpdir(), 'imagegate-bench-partial-'));
  const primed = join(work, 'base');
  try {
    await measure(`check ${tag} into the cache`, [process.execPath, CLI, 'check', '--format', 'json', '--cache-dir', primed, tag], {
      runs: 1,
      okCodes: [0, 1],
    });
    return await benchImage(app, {
      label: `${app} partial`,
      checkArgs: ['check', '--format', 'json'],
      before: (i) => {
        const dir = join(work, `run-${i}`);
        rmSync(join(work, `run-${i - 1}`), { recursive: true, force: true });
        cpSync(primed, dir, { recursive: true });
        return ['--cache-dir', dir];
      },
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Pure CPU: the image's saved tar read from page cache by `imagegate check docker-archive:` (no
 * engine, no cache) against `openssl dgst -sha256` of the same file.
 */
async function benchCpu(name) {
  const tag = IMAGES[name].tag;
  let file = join(CACHE, `${IMAGES[name].file}.tar`);
  let temp;
  if (!OWN_ENGINE || !existsSync(file)) {
    temp = mkdtempSync(join(tmpdir(), 'imagegate-bench-cpu-'));
    file = join(temp, 'image.tar');
    await mustRun('docker', ['save', '-o', file, tag], { quiet: true });
  }
  try {
    await mustRun('bash', ['-c', 'cat "$1" > /dev/null', 'warm', file], { quiet: true }); // into page cache
    const row = await benchImage(tag, {
      label: `docker-archive:${IMAGES[name].file}.tar`,
      reference: ['openssl', 'dgst', '-sha256', file],
      referenceLabel: 'openssl sha256',
      target: `docker-archive:${file}`,
    });
    return { ...row, sizeMB: statSync(file).size / 1e6 };
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- fleet audit

const FLEET_SIZE = 20;
const fleetTag = (i) => `imagegate-bench/fleet-${String(i).padStart(2, '0')}:1`;

/** The Debian base again (main removes it once the images built on it are ready), from the cached tree. */
async function ensureBase() {
  if (imageExists(BASE_TAG)) return;
  const mirror = findMirror();
  const { dir } = await debootstrap(mirror);
  await importBase(dir);
}

async function buildFleet() {
  await ensureBase();
  for (let i = 1; i <= FLEET_SIZE; i++) {
    if (imageExists(fleetTag(i))) continue;
    const ctx = mkdtempSync(join(tmpdir(), 'imagegate-bench-fleet-'));
    try {
      writeFileSync(join(ctx, 'Dockerfile'), `FROM ${BASE_TAG}\nCOPY app.txt /srv/app-${i}.txt\nUSER 10001\n`);
      writeFileSync(join(ctx, 'app.txt'), `service ${i}\n`.repeat(1000));
      await mustRun('docker', ['build', '-q', '-t', fleetTag(i), ctx], { quiet: true });
    } finally {
      rmSync(ctx, { recursive: true, force: true });
    }
  }
}

async function benchFleet() {
  log(`building a fleet of ${FLEET_SIZE} images on ${BASE_TAG}`);
  await buildFleet();
  const single = [];
  const audits = [];
  for (let i = 0; i < opt.runs; i++) {
    single.push(
      await measure('imagegate check fleet-01', [process.execPath, CLI, 'check', '--format', 'json', '--no-cache', fleetTag(1)], {
        runs: 1,
        okCodes: [0, 1],
      }),
    );
    audits.push(
      await measure(
        `imagegate audit of ${FLEET_SIZE}`,
        [process.execPath, CLI, 'audit', '--format', 'json', '--no-cache', '-q', '--filter', 'imagegate-bench/fleet-*', 'docker-daemon:'],
        { runs: 1, okCodes: [0, 1] },
      ),
    );
  }
  const singleS = median(single.map((m) => m.wallS));
  const auditS = median(audits.map((m) => m.wallS));
  const result = {
    images: FLEET_SIZE,
    baseMB: imageSize(BASE_TAG) / 1e6,
    singleS,
    auditS,
    ratio: auditS / singleS,
    auditPeakRssMB: Math.max(...audits.map((m) => m.peakRssMB)),
  };
  console.log('');
  console.log(`fleet: ${FLEET_SIZE} images on one ${result.baseMB.toFixed(0)} MB base (cold, no cache)`);
  console.log(`  check of one image   ${singleS.toFixed(2)} s`);
  console.log(
    `  audit of all ${FLEET_SIZE}     ${auditS.toFixed(2)} s (${result.ratio.toFixed(2)}x one check), peak RSS ${result.auditPeakRssMB.toFixed(0)} MB`,
  );
  return result;
}

// ---------------------------------------------------------------- text scanning

async function benchTextScan() {
  // The scan itself lives in bench-scan.mjs, which also runs alone (node scripts/bench-scan.mjs).
  const { benchScan, textCorpus } = await import('./bench-scan.mjs');
  const scan = await benchScan({ runs: 3, log });
  const { files } = textCorpus();
  const secretlint = await benchSecretlint(files, scan.bytes);
  console.log('');
  console.log(`text scan, one core, ${scan.files} files, ${(scan.bytes / 1e6).toFixed(0)} MB of /usr text:`);
  console.log(
    `  imagegate file scanner  ${scan.mbs.toFixed(0)} MB/s (${scan.cpuMbs.toFixed(0)} MB per CPU second; median of 3) with ${scan.rules} secret formats (${scan.tokenRules} provider token rules)`,
  );
  console.log(
    `  secretlint (recommended preset)  ${secretlint ? `${secretlint.mbs.toFixed(1)} MB/s on a ${(secretlint.bytes / 1e6).toFixed(0)} MB sample (${secretlint.seconds.toFixed(1)} s)` : 'not measured (npm install failed)'}`,
  );
  return {
    files: scan.files,
    bytes: scan.bytes,
    imagegateMBs: scan.mbs,
    imagegateCpuMBs: scan.cpuMbs,
    rules: scan.rules,
    tokenRules: scan.tokenRules,
    secretlint,
  };
}

/** secretlint is slow: it gets a sample of about 20 MB of the same files, and its own process. */
async function benchSecretlint(files, bytes) {
  const prefix = mkdtempSync(join(tmpdir(), 'imagegate-bench-secretlint-'));
  try {
    log('installing secretlint into a temp directory (npm)');
    const install = await run(
      'npm',
      ['install', '--silent', '--no-audit', '--no-fund', '--prefix', prefix, 'secretlint@10', '@secretlint/secretlint-rule-preset-recommend@10'],
      { env: process.env, quiet: true },
    );
    if (install.code !== 0) {
      log(`secretlint install failed: ${install.stderr.slice(-500)}`);
      return undefined;
    }
    writeFileSync(join(prefix, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const sample = [];
    let sampleBytes = 0;
    const step = Math.max(1, Math.floor(bytes / 20e6));
    for (let i = 0; i < files.length; i += step) {
      sample.push(files[i]);
      sampleBytes += statSync(files[i]).size;
    }
    // Copied under plain names: secretlint takes globs, and real file names hold [ ] ( ) and spaces.
    mkdirSync(join(prefix, 'corpus'));
    sample.forEach((file, i) => writeFileSync(join(prefix, 'corpus', `f${i}.txt`), readFileSync(file)));
    const t0 = performance.now();
    const r = await run(
      'bash',
      ['-c', 'cd "$1" && node_modules/.bin/secretlint --secretlintrc .secretlintrc.json "corpus/**/*" > /dev/null', 'secretlint', prefix],
      { env: process.env, quiet: true },
    );
    const seconds = (performance.now() - t0) / 1000;
    if (r.code !== 0 && r.code !== 1) log(`secretlint exited ${r.code}: ${r.stderr.slice(-500)}`);
    return { bytes: sampleBytes, seconds, mbs: sampleBytes / 1e6 / seconds };
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- archives

const JAR_TAG = 'imagegate-bench/fatjar:1';
/** The same application unpacked into loose files: no archive at all (what archives must not slow). */
const PLAIN_TAG = 'imagegate-bench/unpacked:1';

/** Builds the fat jar image (FROM scratch, so it takes seconds): the jar is generated, not cached. */
async function buildJarImage() {
  const ctx = mkdtempSync(join(tmpdir(), 'imagegate-bench-jar-'));
  try {
    // A token made at run time (documented prefix + random body), so the check has a finding to make.
    const token = `ghp_${createHash('sha256')
      .update(String(Math.random()))
      .digest('base64')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 36)}`;
    writeFileSync(join(ctx, 'app.jar'), fatJar(100, `github.token=${token}\n`));
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY app.jar /app/app.jar\n');
    log(`docker build ${JAR_TAG}: a ~100 MB fat jar FROM scratch`);
    await mustRun('docker', ['build', '--force-rm', '-t', JAR_TAG, ctx], { quiet: true });
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

/** The fat jar's application unpacked into loose files, FROM scratch: an image with no archive. */
async function buildUnpackedImage() {
  const ctx = mkdtempSync(join(tmpdir(), 'imagegate-bench-unpacked-'));
  try {
    for (const [path, content] of unpackedTree(100)) {
      mkdirSync(dirname(join(ctx, 'app', path)), { recursive: true });
      writeFileSync(join(ctx, 'app', path), content);
    }
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY app/ /app/\n');
    log(`docker build ${PLAIN_TAG}: the same application as ~100 MB of loose files, no archive`);
    await mustRun('docker', ['build', '--force-rm', '-t', PLAIN_TAG, ctx], { quiet: true });
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

/** Cold check with archives opened vs not, alternating run by run. */
async function benchArchives(tags) {
  const dir = mkdtempSync(join(tmpdir(), 'imagegate-bench-archives-'));
  const off = join(dir, 'no-archives.json');
  writeFileSync(off, JSON.stringify({ rules: { 'secret-file': { options: { openArchives: false } } } }));
  const rows = [];
  try {
    for (const tag of tags) {
      const on = [];
      const without = [];
      for (let i = 0; i < opt.runs; i++) {
        on.push(
          await measure(`imagegate ${tag} archives on`, [process.execPath, CLI, 'check', '--format', 'json', '--no-cache', tag], {
            runs: 1,
            okCodes: [0, 1],
          }),
        );
        without.push(
          await measure(`imagegate ${tag} archives off`, [process.execPath, CLI, 'check', '--format', 'json', '--no-cache', '--policy', off, tag], {
            runs: 1,
            okCodes: [0, 1],
          }),
        );
      }
      const onS = median(on.map((m) => m.wallS));
      const offS = median(without.map((m) => m.wallS));
      rows.push({
        image: tag,
        sizeMB: imageSize(tag) / 1e6,
        onS,
        offS,
        costS: onS - offS,
        onRssMB: Math.max(...on.map((m) => m.peakRssMB)),
        offRssMB: Math.max(...without.map((m) => m.peakRssMB)),
        pairs: on.map((m, i) => [m.wallS, without[i].wallS]),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('');
  console.log(`archives: cold check with archives opened (default) vs openArchives: false (median of ${opt.runs} alternating runs)`);
  for (const r of rows) {
    console.log(
      `  ${r.image.padEnd(28)} ${r.sizeMB.toFixed(0).padStart(5)} MB  on ${r.onS.toFixed(2)} s  off ${r.offS.toFixed(2)} s  cost ${r.costS >= 0 ? '+' : ''}${r.costS.toFixed(2)} s  peak RSS ${r.onRssMB.toFixed(0)} / ${r.offRssMB.toFixed(0)} MB`,
    );
    console.log(`    per-run (on, off): ${r.pairs.map(([a, b]) => `${a.toFixed(2)}/${b.toFixed(2)}`).join(', ')}`);
  }
  return rows;
}

// ---------------------------------------------------------------- main

/**
 * Two processes preparing images at once (two e2e files that each need a Debian image) would
 * debootstrap into the same directory and build the same tags: one at a time, through a lock file
 * holding the owner's pid. The second then finds the images or their cached tars ready. A lock whose
 * owner is gone is taken over.
 */
async function withPrepareLock(fn) {
  mkdirSync(CACHE, { recursive: true });
  const lock = join(CACHE, '.prepare.lock');
  let said = false;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let owner;
      let writing;
      try {
        owner = Number(readFileSync(lock, 'utf8').trim());
        // an empty file is a lock whose owner is still writing its pid, unless it has been so for long
        writing = owner === 0 && Date.now() - statSync(lock).mtimeMs < 10_000;
      } catch (gone) {
        if (gone.code === 'ENOENT') continue; // released meanwhile: try again
        throw gone;
      }
      if (!writing && !ownerAlive(owner)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (!said) log(`waiting for pid ${owner}, which is preparing bench images`);
      said = true;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

function ownerAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

async function main() {
  if (opt.textOnly) {
    const text = await benchTextScan();
    if (opt.json) console.log(JSON.stringify({ text }, null, 2));
    return;
  }
  if (!existsSync(TIME_BIN)) throw new Error(`${TIME_BIN} missing (apt-get install time, or bash scripts/ensure-packages.sh)`);
  if (spawnSync('docker', ['version'], { env: DOCKER_ENV, stdio: 'ignore' }).status !== 0) {
    throw new Error('no Docker Engine answers; run via npm run bench (scripts/with-test-services.sh)');
  }
  if (opt.jarOnly) {
    if (!existsSync(CLI)) throw new Error(`${CLI} missing; run npm run build`);
    await buildJarImage();
    await buildUnpackedImage();
    const archives = await benchArchives([JAR_TAG, PLAIN_TAG]);
    if (opt.json) console.log(JSON.stringify({ archives }, null, 2));
    return;
  }
  const names = selectedImages();
  const prep = {};
  await withPrepareLock(async () => {
    for (const name of names) prep[name] = await prepareImage(name);
    // the base image is not needed any more once the images built on it are; they keep its layer
    if (importedBase) dockerSync(['image', 'rm', BASE_TAG]);
  });
  for (const name of names) console.log(`${IMAGES[name].tag}: ${(prep[name].size / 1e6).toFixed(0)} MB (${prep[name].source})`);
  if (opt.prepareOnly) return;
  if (!existsSync(CLI)) throw new Error(`${CLI} missing; run npm run build`);

  const rows = [];
  for (const name of names) {
    const tag = IMAGES[name].tag;
    if (wants('cold')) rows.push({ name, cache: 'cold', ...(await benchImage(tag, { label: `${tag} cold` })) });
    if (wants('warm')) {
      const cacheDir = mkdtempSync(join(tmpdir(), 'imagegate-bench-cache-'));
      try {
        await measure(`prime the layer cache for ${tag}`, [process.execPath, CLI, 'check', '--format', 'json', '--cache-dir', cacheDir, tag], {
          runs: 1,
          okCodes: [0, 1],
        });
        rows.push({
          name,
          cache: 'warm',
          ...(await benchImage(tag, { label: `${tag} warm`, checkArgs: ['check', '--format', 'json', '--cache-dir', cacheDir] })),
        });
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
      }
    }
    if (wants('partial')) rows.push({ name, cache: 'partial', ...(await benchPartial(name)) });
    if (wants('cpu')) rows.push({ name, cache: 'none', ...(await benchCpu(name)) });
  }
  console.log('');
  const version = dockerSync(['version', '--format', 'Engine {{.Server.Version}}']).stdout.trim();
  const driver = dockerSync(['info', '--format', '{{.Driver}}']).stdout.trim();
  console.log(`engine: ${opt.engine} (${version}, storage driver ${driver})`);
  if (rows.length) printTable(rows);
  const fleet = wants('fleet') ? await benchFleet() : undefined;
  let archives;
  if (wants('jar')) {
    await buildJarImage();
    archives = await benchArchives([JAR_TAG, ...(names.includes('python') ? [IMAGES.python.tag] : [])]);
  }
  const text = wants('text') ? await benchTextScan() : undefined;
  if (opt.json) console.log(JSON.stringify({ engine: opt.engine, prepare: prep, rows, fleet, archives, text }, null, 2));
}

let finished = false;
// A promise nobody can settle any more would let Node exit 0 silently: don't.
process.on('exit', (code) => {
  if (!finished && code === 0) {
    console.error('bench: exited before finishing (internal error)');
    process.exitCode = 1;
  }
});
main().then(
  () => {
    finished = true;
  },
  (e) => {
    finished = true;
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
