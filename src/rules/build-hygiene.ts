// build-hygiene: what a clean build leaves out of the final image — package-manager caches and
// lists, compiler toolchains, VCS metadata, bytecode caches. Each finding names the paths, their
// bytes and the Dockerfile fix.
import { z } from 'zod';
import { formatSize, parseSize } from '../config/size.js';
import { baseImageName, baseImageOf } from '../image/base-image.js';
import { plural } from '../core/plural.js';
import { defineRule } from './define-rule.js';
import { compareText } from '../core/compare-text.js';

interface Leftover {
  what: string;
  match: RegExp;
  /** The fix in the team's own build step. */
  fix: string;
}

const HOME = '(?:root|home/[^/]+)';

const LEFTOVERS: Leftover[] = [
  {
    what: 'apt package lists',
    match: /^\/var\/lib\/apt\/lists\/(?!lock$|partial(?:\/|$))/,
    fix: 'end the RUN that calls apt-get update with `&& rm -rf /var/lib/apt/lists/*`',
  },
  {
    what: 'apt package archives',
    match: /^\/var\/cache\/apt\/(?:archives\/.*\.deb|[^/]*\.bin)$/,
    fix: 'run `apt-get clean` in the same RUN, or use RUN --mount=type=cache,target=/var/cache/apt',
  },
  {
    what: 'pip cache',
    match: new RegExp(`^/${HOME}/\\.cache/pip/`),
    fix: 'pip install --no-cache-dir (or RUN --mount=type=cache,target=/root/.cache/pip)',
  },
  {
    what: 'npm cache',
    match: new RegExp(`^/${HOME}/\\.npm/(?:_cacache|_npx)/`),
    fix: 'npm cache clean --force in the same RUN, or RUN --mount=type=cache,target=/root/.npm',
  },
  {
    what: 'yarn cache',
    match: new RegExp(`^/(?:usr/local/share/\\.cache/yarn|${HOME}/\\.cache/yarn)/`),
    fix: 'yarn cache clean in the same RUN, or a cache mount',
  },
  {
    what: 'pnpm store',
    match: new RegExp(`^/${HOME}/(?:\\.local/share/pnpm/store|\\.pnpm-store)/`),
    fix: 'keep the store in a cache mount (RUN --mount=type=cache,target=/root/.local/share/pnpm/store)',
  },
  { what: 'apk cache', match: /^\/var\/cache\/apk\/[^/]+/, fix: 'apk add --no-cache' },
  { what: 'conda package cache', match: new RegExp(`^/(?:opt/conda|${HOME}/(?:mini|ana)conda3?)/pkgs/`), fix: 'conda clean -afy in the same RUN' },
  { what: 'git metadata', match: /\/\.git\//, fix: 'add .git to .dockerignore (COPY . copies it otherwise)' },
];

const COMPILER = /^\/usr\/(?:local\/)?bin\/((?:x86_64-linux-gnu-|aarch64-linux-gnu-)?(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+|make)(?:-\d+)?)$/;
const BUILD_ESSENTIAL = /^\/var\/lib\/dpkg\/info\/build-essential(?::[a-z0-9]+)?\.list$/;
const TOOLCHAIN_DIRS = /^\/usr\/(?:lib|libexec)\/gcc\//;
const PYCACHE = /\/(?:site|dist)-packages\/.*\/__pycache__\//;
/** Tests, docs and examples shipped inside application directories and their dependencies. */
const APP_EXTRAS = /^\/(?:app|srv|opt|workspace|usr\/src|var\/www|home\/[^/]+)\/(?:.*\/)?(?:test|tests|__tests__|spec|docs|doc|examples?)\//;

/**
 * Any of the patterns above: every entry of the image passes here and most match none, so first
 * one test for the patterns anchored at the root (tried at the path's start only) and one for the
 * rest, then the patterns one by one only for an entry that passed. Made from the patterns
 * themselves, so it cannot drift from them (a pattern starting with ^ is anchored as a whole: none
 * has an alternative outside its groups).
 */
const ALL_PATTERNS = [...LEFTOVERS.map((leftover) => leftover.match), COMPILER, BUILD_ESSENTIAL, TOOLCHAIN_DIRS, PYCACHE, APP_EXTRAS];
const AT_ROOT = new RegExp(
  `^(?:${ALL_PATTERNS.filter((pattern) => pattern.source.startsWith('^'))
    .map((pattern) => `(?:${pattern.source.slice(1)})`)
    .join('|')})`,
);
const ANYWHERE = new RegExp(
  ALL_PATTERNS.filter((pattern) => !pattern.source.startsWith('^'))
    .map((pattern) => `(?:${pattern.source})`)
    .join('|'),
);
const mayMatch = (path: string): boolean => AT_ROOT.test(path) || ANYWHERE.test(path);

export default defineRule({
  id: 'build-hygiene',
  meta: {
    category: 'hygiene',
    defaultSeverity: 'warning',
    description: 'No package-manager caches or lists, compiler toolchain, VCS metadata or bulky bytecode caches are left in the final image.',
    messages: {
      LEFTOVER: '{{what}} left in the image: {{files}}, {{bytes}} under {{where}}; {{fix}}',
      TOOLCHAIN:
        'compiler toolchain in the final image: {{tools}}{{package}} ({{bytes}} in /usr/lib/gcc and /usr/libexec/gcc); build in a builder stage and COPY only the artifacts into a runtime image (multi-stage build), or install with --no-install-recommends and purge it in the same RUN',
      APP_EXTRAS:
        'tests, docs and examples inside application directories take {{bytes}} ({{files}} files, e.g. {{example}}); exclude them with .dockerignore, npm ci --omit=dev, or prune them in the build stage',
      PYCACHE:
        'Python bytecode caches in site-packages take {{bytes}} ({{files}} files); set PYTHONDONTWRITEBYTECODE=1 or pip install --no-compile if start-up time allows',
    },
  },
  defaultOptions: { pycacheThreshold: 20_000_000, appExtrasThreshold: 10_000_000 },
  optionsSchema: z.strictObject({
    pycacheThreshold: z
      .union([z.number().int().nonnegative(), z.string()])
      .transform((v) => (typeof v === 'number' ? v : parseSize(v)))
      .default(20_000_000),
    appExtrasThreshold: z
      .union([z.number().int().nonnegative(), z.string()])
      .transform((v) => (typeof v === 'number' ? v : parseSize(v)))
      .default(10_000_000),
  }),
  needs: {},
  create(context) {
    return {
      image(image, fs) {
        const found = LEFTOVERS.map(() => ({ files: 0, bytes: 0, first: '', byLayer: new Map<number, number>() }));
        const tools = new Set<string>();
        let buildEssential = false;
        let toolchainBytes = 0;
        let pycache = { files: 0, bytes: 0 };
        const extras = { files: 0, bytes: 0, example: '' };
        for (const { entry, layer } of fs.walk()) {
          const path = entry.path;
          if (!mayMatch(path)) continue;
          if (entry.type === 'file') {
            LEFTOVERS.forEach((leftover, i) => {
              if (!leftover.match.test(path)) return;
              const slot = found[i]!;
              slot.files++;
              slot.bytes += entry.size;
              slot.byLayer.set(layer, (slot.byLayer.get(layer) ?? 0) + entry.size);
              if (slot.first === '' || path < slot.first) slot.first = path;
            });
            if (TOOLCHAIN_DIRS.test(path)) toolchainBytes += entry.size;
            if (PYCACHE.test(path)) pycache = { files: pycache.files + 1, bytes: pycache.bytes + entry.size };
            const extra = APP_EXTRAS.exec(path);
            if (extra) {
              extras.files++;
              extras.bytes += entry.size;
              if (extras.example === '') extras.example = extra[0].slice(0, -1);
            }
          }
          const compiler = COMPILER.exec(path);
          if (compiler && entry.type !== 'directory') tools.add(compiler[1]!);
          if (BUILD_ESSENTIAL.test(path)) buildEssential = true;
        }
        const base = baseImageOf(image, image.baseImage);
        LEFTOVERS.forEach((leftover, i) => {
          const slot = found[i]!;
          if (slot.files === 0) return;
          const where = commonDirectory(slot.first, leftover);
          // The layer that left most of the bytes is the step to fix.
          const layer = [...slot.byLayer].reduce((most, entry) => (entry[1] > most[1] ? entry : most))[0];
          const fix =
            base && layer < base.layers
              ? `they come from ${baseImageName(base)}, so no step of this build can take their bytes back: choose a base image without them, or fix the base image's own build`
              : leftover.fix;
          context.report({
            messageId: 'LEFTOVER',
            data: { what: leftover.what, files: plural(slot.files, 'file'), bytes: formatSize(slot.bytes), where, fix },
            location: { path: where, layer },
          });
        });
        if (tools.size > 0 || buildEssential) {
          const names = [...tools].sort((a, b) => a.length - b.length || compareText(a, b));
          context.report({
            messageId: 'TOOLCHAIN',
            data: {
              tools: names.slice(0, 6).join(', ') || 'compilers',
              package: buildEssential ? '; package build-essential installed' : '',
              bytes: formatSize(toolchainBytes),
            },
            location: { path: names[0] ? `/usr/bin/${names[0]}` : '/var/lib/dpkg/info' },
          });
        }
        if (extras.bytes > context.options.appExtrasThreshold) {
          context.report({
            messageId: 'APP_EXTRAS',
            data: { bytes: formatSize(extras.bytes), files: extras.files, example: extras.example },
            location: { path: extras.example },
          });
        }
        if (pycache.bytes > context.options.pycacheThreshold) {
          context.report({ messageId: 'PYCACHE', data: { bytes: formatSize(pycache.bytes), files: pycache.files }, severity: 'info' });
        }
      },
    };
  },
});

/** The directory to name for a leftover: its well-known root (e.g. /var/lib/apt/lists), else the file's directory. */
function commonDirectory(path: string, leftover: Leftover): string {
  if (leftover.what === 'git metadata') return path.slice(0, path.indexOf('/.git/') + 5);
  const roots = ['/var/lib/apt/lists', '/var/cache/apt', '/var/cache/apk', '/opt/conda/pkgs', '/usr/local/share/.cache/yarn'];
  const root = roots.find((candidate) => path.startsWith(`${candidate}/`));
  if (root) return root;
  const cache = /^(\/(?:root|home\/[^/]+)\/(?:\.cache\/(?:pip|yarn)|\.npm|\.local\/share\/pnpm\/store|\.pnpm-store))\//.exec(path);
  return cache ? cache[1]! : path.slice(0, path.lastIndexOf('/')) || '/';
}
