// Path-only decisions, made before any content is read: which files can be skipped (credential
// files are recognised in files/index.ts, where each format is declared).

/** Pseudo and device filesystems: never real image content worth reading. */
const SKIPPED_ROOTS = /^\/(?:proc|sys|dev)(?:\/|$)/;

/**
 * Extensions of formats that are binary or compressed (a text pattern cannot match inside them)
 * or that only ever hold public material.
 */
const SKIPPED_EXTENSIONS = new Set([
  // images, fonts, media
  'png',
  'jpg',
  'jpeg',
  'gif',
  'ico',
  'icns',
  'bmp',
  'tif',
  'tiff',
  'webp',
  'avif',
  'heic',
  'psd',
  'woff',
  'woff2',
  'ttf',
  'otf',
  'eot',
  'pfb',
  'mp3',
  'mp4',
  'ogg',
  'oga',
  'wav',
  'flac',
  'avi',
  'mov',
  'mkv',
  'webm',
  'pdf',
  // archives and compressed files
  'gz',
  'tgz',
  'xz',
  'txz',
  'zst',
  'bz2',
  'tbz2',
  'lz',
  'lz4',
  'lzma',
  'zip',
  'jar',
  'war',
  'ear',
  'whl',
  'egg',
  'deb',
  'udeb',
  'rpm',
  'apk',
  'tar',
  '7z',
  'rar',
  'cab',
  'xpi',
  'nupkg',
  'br',
  'z',
  // compiled code, databases and other binary data
  'so',
  'a',
  'o',
  'lo',
  'ko',
  'pyc',
  'pyo',
  'class',
  'dll',
  'exe',
  'dylib',
  'node',
  'wasm',
  'bin',
  'mo',
  'gmo',
  'qm',
  'dat',
  'db',
  'sqlite',
  'sqlite3',
  'pack',
  'idx',
  'cache',
  'pickle',
  'pkl',
  'npy',
  'npz',
  'parquet',
  'ttc',
  'swf',
  'beam',
  'elc',
  'rlib',
  'hi',
  // public keys only
  'pub',
]);

/**
 * Package-manager indexes: repository metadata downloaded from public mirrors (apt lists) and the
 * package database's file lists and checksums. They are large (80+ MB on a Debian image with a
 * toolchain), full of URLs and key-like words, and never hold a user's credential. debconf's
 * config.dat and passwords.dat, which can hold answers such as a database password, are scanned.
 */
const PACKAGE_INDEXES =
  /^\/var\/lib\/apt\/lists\/|^\/var\/lib\/dpkg\/(?:info\/[^/]+\.(?:md5sums|list|shlibs|symbols|triggers|conffiles)|status|status-old|available)$|^\/var\/cache\/debconf\/templates\.dat(?:-old)?$|^\/lib\/apk\/db\/installed$/;

/** debconf's answer stores: text despite the .dat extension, and where preseeded passwords end up. */
const DEBCONF_ANSWERS = /^\/var\/cache\/debconf\/(?:config|passwords)\.dat(?:-old)?$/;

/** Files that hold nothing but public keys. */
const PUBLIC_KEY_FILES = new Set(['authorized_keys', 'authorized_keys2', 'known_hosts', 'known_hosts2']);

/** Shared libraries carry their version after the extension: libssl.so.3, libc.so.6.0.1. */
const VERSIONED_LIBRARY = /\.so(?:\.\d+)+$/;

/** `etc/passwd`, `./etc/passwd` and `/etc/passwd` are the same image path. */
export function normalizePath(path: string): string {
  const trimmed = path.replace(/^(?:\.\/)+/, '');
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/**
 * What editors, `cp --backup`, `sed -i.bak` and hand-made backups append to a file name:
 * `config.json.bak`, `.npmrc.old`, `credentials~`, `settings.xml.orig`.
 */
const BACKUP_SUFFIX = /(?:~|\.(?:bak|backup|bkp|old|orig|save|sav|prev|previous|copy|tmp))+$/i;

/** The path without a backup suffix (a backup of a credential file is that credential file). */
export function withoutBackupSuffix(path: string): string {
  const stripped = path.replace(BACKUP_SUFFIX, '');
  return stripped.endsWith('/') || stripped === '' ? path : stripped;
}

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/** Cheap check used before any content is read: could this file hold a secret we detect? */
export function isInterestingPath(path: string): boolean {
  const full = normalizePath(path);
  if (full.endsWith('/') || SKIPPED_ROOTS.test(full) || PACKAGE_INDEXES.test(full)) return false;
  if (DEBCONF_ANSWERS.test(full)) return true;
  const base = baseName(full);
  if (base === '' || base.startsWith('.wh.')) return false; // overlay whiteout markers
  if (PUBLIC_KEY_FILES.has(base) || VERSIONED_LIBRARY.test(base)) return false;
  const dot = base.lastIndexOf('.');
  if (dot > 0 && SKIPPED_EXTENSIONS.has(base.slice(dot + 1).toLowerCase())) return false;
  return !/\/__pycache__\//.test(full);
}
