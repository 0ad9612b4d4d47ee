// Language package managers' records (pip's RECORD, npm's package.json, Composer's installed.json,
// gem specifications, Go's and Maven's caches): which files of an image are installed third-party
// content, and of which package.
import { posix } from 'node:path';
import { digestKey, pathKey, recordKey } from './record-key.js';
import type { ContentDigests } from './package-content.js';

export type Ecosystem = 'npm' | 'pip' | 'composer' | 'gem' | 'go' | 'maven';

/** Bounds over all layers: hostile records stay small in memory. */
const MAX_PIP_RECORDS = 1 << 20;
const MAX_PACKAGES = 1 << 16;

/** pip: `<site-packages>/<name>-<version>.dist-info/RECORD`. */
const PIP_RECORD = /^(.*)\/([^/]+)\.dist-info\/RECORD$/;
/** npm: the manifest of a package directory, `…/node_modules/[@scope/]name/package.json`. */
const NPM_MANIFEST = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/@][^/]*)\/package\.json$/;
/** Composer's record of what it installed into a vendor directory. */
const COMPOSER_INSTALLED = /^(.*)\/composer\/installed\.json$/;
/** RubyGems: `<gem home>/specifications/<name>-<version>.gemspec` for `<gem home>/gems/<name>-<version>/`. */
const GEMSPEC = /^(.*)\/specifications\/([^/]+)\.gemspec$/;
/** Go's module cache: `<GOMODCACHE>/<module>@<version>/…` (read-only files Go verified against go.sum). */
const GO_MODULE = /\/pkg\/mod\/(?!cache\/)(.+?@v[^/]+)\//;
/** Yarn (Berry)'s package cache: each npm package as a zip, `.yarn/cache/<name>-npm-<version>-<hash>.zip`, read in place by Plug'n'Play. */
const YARN_CACHE = /\/\.yarn\/(?:berry\/)?cache\/[^/]+\.zip$/;
/** Maven's local repository. */
const MAVEN_REPOSITORY = /\/\.m2\/repository\/(.+?)\/[^/]+$/;

/**
 * Where a package manager puts the archives it installs (jars, wheels, zips), judged by the path
 * alone, before the archive's first byte: `verify` when its content can be checked against a
 * record once the image is read (pip's RECORD; dpkg and apk under the system directories, given
 * `systemRecords`: the image already showed a dpkg or apk database), otherwise known by its place
 * (Maven's repository, npm packages, Go's module cache, gems), as for any file of theirs.
 */
export function vendorArchivePlace(path: string, systemRecords: boolean): { ecosystem: Ecosystem | 'system'; verify: boolean } | undefined {
  if (MAVEN_REPOSITORY.test(path)) return { ecosystem: 'maven', verify: false };
  if (path.includes('/node_modules/') || YARN_CACHE.test(path)) return { ecosystem: 'npm', verify: false };
  if (GO_MODULE.test(path)) return { ecosystem: 'go', verify: false };
  if (/\/gems\/[^/]+-\d[^/]*\//.test(path)) return { ecosystem: 'gem', verify: false };
  if (/\/(?:site|dist)-packages\//.test(path)) return { ecosystem: 'pip', verify: true };
  if (systemRecords && SYSTEM_DIRECTORY.test(path)) return { ecosystem: 'system', verify: true };
  return undefined;
}

/** Where dpkg and apk install (not /usr/local, /opt, /srv, /app or a home: the team's own places). */
const SYSTEM_DIRECTORY = /^\/(?:usr\/(?!local\/)|lib(?:32|64)?\/|bin\/|sbin\/)/;

/** A file that records third-party content (read for its records; pip's RECORD is not scanned). */
export function thirdPartyRecordKind(path: string): 'pip' | 'npm' | 'composer' | 'gem' | undefined {
  if (PIP_RECORD.test(path)) return 'pip';
  if (NPM_MANIFEST.test(path)) return 'npm';
  if (COMPOSER_INSTALLED.test(path)) return 'composer';
  if (GEMSPEC.test(path)) return 'gem';
  return undefined;
}

/** What one layer's records say (also what its layer-cache memo keeps). */
export interface SavedThirdParty {
  /** pip record keys (path + sha256) and the package each belongs to (index into `pipPackages`). */
  pip: [number, number][];
  pipPackages: string[];
  /** npm package directories and their `name@version`. */
  npm: [string, string][];
  /** Composer vendor directories and gem homes with their gems. */
  composer: string[];
  gems: [string, string][];
}

export function emptyThirdParty(): SavedThirdParty {
  return { pip: [], pipPackages: [], npm: [], composer: [], gems: [] };
}

/** Decode RECORD's `sha256=<urlsafe base64>` into a digest key; undefined for other algorithms. */
function recordDigest(hash: string): number | undefined {
  if (!hash.startsWith('sha256=')) return undefined;
  const bytes = Buffer.from(hash.slice(7), 'base64url');
  return bytes.length === 32 ? digestKey(bytes) : undefined;
}

/** Streams one record file into `into`. Lines are bounded by the caller's splitter. */
export class ThirdPartyRecordReader {
  private head = '';
  constructor(
    private readonly path: string,
    private readonly kind: 'pip' | 'npm' | 'composer' | 'gem',
    private readonly into: SavedThirdParty,
  ) {}

  /** A RECORD line: `path,sha256=…,size`, the path relative to site-packages (may use `..`). */
  line(text: string): void {
    if (this.kind !== 'pip' || this.into.pip.length >= MAX_PIP_RECORDS) return;
    const m = /^(.*),(sha256=[A-Za-z0-9_-]+),\d*$/.exec(text.trim());
    const digest = m ? recordDigest(m[2] ?? '') : undefined;
    if (m === null || digest === undefined) return;
    const [, root = '', distInfo = ''] = PIP_RECORD.exec(this.path) ?? [];
    const file = posix.normalize(posix.join(root, (m[1] ?? '').replace(/^"|"$/g, '')));
    let pkg = this.into.pipPackages.indexOf(distInfo);
    if (pkg === -1) pkg = this.into.pipPackages.push(distInfo) - 1;
    this.into.pip.push([recordKey(pathKey(file), digest), pkg]);
  }

  /** The first bytes of a manifest (package.json's name and version come first in practice). */
  text(chunk: string): void {
    if (this.head.length < 16 * 1024) this.head += chunk.slice(0, 16 * 1024 - this.head.length);
  }

  end(): void {
    if (this.kind === 'npm' && this.into.npm.length < MAX_PACKAGES) {
      const name = /"name"\s*:\s*"([^"]{1,214})"/.exec(this.head)?.[1];
      const version = /"version"\s*:\s*"([^"]{1,64})"/.exec(this.head)?.[1];
      const dir = NPM_MANIFEST.exec(this.path)?.[1] ?? '';
      // A package directory is npm's only when its manifest names the package that sits there.
      if (name !== undefined && dir.endsWith(`/${name}`)) this.into.npm.push([dir, version ? `${name}@${version}` : name]);
    } else if (this.kind === 'composer' && this.into.composer.length < MAX_PACKAGES) {
      this.into.composer.push(COMPOSER_INSTALLED.exec(this.path)?.[1] ?? '');
    } else if (this.kind === 'gem' && this.into.gems.length < MAX_PACKAGES) {
      const [, home = '', gem = ''] = GEMSPEC.exec(this.path) ?? [];
      this.into.gems.push([`${home}/gems/${gem}`, gem]);
    }
  }
}

export interface ThirdPartyOwner {
  ecosystem: Ecosystem;
  /** `express@4.19.2`, `requests-2.31.0`, `guzzlehttp/guzzle`, … */
  name: string;
}

/** Every layer's records merged, ready to say whose a file is. */
export class ThirdPartyIndex {
  private readonly pip = new Map<number, string>();
  private readonly npm = new Map<string, string>();
  private readonly composer = new Set<string>();
  private readonly gems = new Map<string, string>();

  constructor(layers: readonly SavedThirdParty[]) {
    for (const layer of layers) {
      for (const [key, pkg] of layer.pip) this.pip.set(key, layer.pipPackages[pkg] ?? '');
      for (const [dir, name] of layer.npm) this.npm.set(dir, name);
      for (const dir of layer.composer) this.composer.add(dir);
      for (const [dir, gem] of layer.gems) this.gems.set(dir, gem);
    }
  }

  /** Packages whose records the image holds, per ecosystem. */
  known(): Record<string, { packages: number }> {
    const out: Record<string, { packages: number }> = {};
    const pip = new Set(this.pip.values()).size;
    if (pip > 0) out['pip'] = { packages: pip };
    if (this.npm.size > 0) out['npm'] = { packages: this.npm.size };
    if (this.composer.size > 0) out['composer'] = { packages: this.composer.size };
    if (this.gems.size > 0) out['gem'] = { packages: this.gems.size };
    return out;
  }

  /** The package whose unmodified content this file is, if any (pip: verified by sha256; others by their place). */
  owner(path: string, digests: ContentDigests | undefined): ThirdPartyOwner | undefined {
    if (this.pip.size > 0 && digests?.sha256 !== undefined) {
      const pkg = this.pip.get(recordKey(pathKey(path), digests.sha256));
      if (pkg !== undefined) return { ecosystem: 'pip', name: pkg };
    }
    const nm = path.lastIndexOf('/node_modules/');
    if (nm !== -1) {
      const rest = path.slice(nm + 14).split('/');
      const dir = path.slice(0, nm + 14) + (rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? ''));
      const name = this.npm.get(dir);
      if (name !== undefined) return { ecosystem: 'npm', name };
    }
    const vendor = /^(.*)\/([^/]+\/[^/]+)\/.+$/.exec(path);
    if (vendor !== null && this.composer.has(vendor[1] ?? '') && !(vendor[2] ?? '').startsWith('composer/'))
      return { ecosystem: 'composer', name: vendor[2] ?? '' };
    const gem = /^(.*\/gems\/[^/]+)\//.exec(path);
    if (gem !== null && this.gems.has(gem[1] ?? '')) return { ecosystem: 'gem', name: this.gems.get(gem[1] ?? '') ?? '' };
    if (YARN_CACHE.test(path)) return { ecosystem: 'npm', name: /([^/]+)\.zip$/.exec(path)?.[1] ?? '' };
    const go = GO_MODULE.exec(path);
    if (go !== null) return { ecosystem: 'go', name: go[1] ?? '' };
    const maven = MAVEN_REPOSITORY.exec(path);
    if (maven !== null) return { ecosystem: 'maven', name: maven[1] ?? '' };
    return undefined;
  }
}

export function parseSavedThirdParty(value: unknown): SavedThirdParty | undefined {
  const v = value as Partial<SavedThirdParty> | null;
  if (typeof v !== 'object' || v === null) return undefined;
  const pairs = (list: unknown, a: string, b: string): boolean =>
    Array.isArray(list) && list.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === a && typeof x[1] === b);
  if (!pairs(v.pip, 'number', 'number') || !pairs(v.npm, 'string', 'string') || !pairs(v.gems, 'string', 'string')) return undefined;
  if (!Array.isArray(v.pipPackages) || !v.pipPackages.every((x) => typeof x === 'string')) return undefined;
  if (!Array.isArray(v.composer) || !v.composer.every((x) => typeof x === 'string')) return undefined;
  return v as SavedThirdParty;
}
