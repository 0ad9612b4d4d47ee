// Which files of an image are package databases, and a streaming reader that turns one into record keys.
import { ApkInstalledParser } from './apk-database.js';
import { DpkgStatusParser, parseMd5sumsLine, type RecordSink } from './dpkg-database.js';
import { LineSplitter } from './line-splitter.js';

/** rpm keeps its database in SQLite or BerkeleyDB, which is not read: rpm-based images are scanned in full. */
export type PackageManager = 'dpkg' | 'apk';

type DatabaseFormat = 'dpkg-md5sums' | 'dpkg-status' | 'apk-installed';

/** `status.d/` is where distroless images keep one stanza (and one md5sums file) per package. */
const DPKG_MD5SUMS = /^\/var\/lib\/dpkg\/(?:info|status\.d)\/[^/]+\.md5sums$/;
const DPKG_STATUS = /^\/var\/lib\/dpkg\/(?:status|status\.d\/[^/]+)$/;
/** apk-tools 3 may keep its database under /usr/lib on merged-/usr systems. */
const APK_INSTALLED = /^\/(?:usr\/)?lib\/apk\/db\/installed$/;

function formatOf(path: string): DatabaseFormat | undefined {
  if (DPKG_MD5SUMS.test(path)) return 'dpkg-md5sums';
  if (DPKG_STATUS.test(path)) return 'dpkg-status';
  if (APK_INSTALLED.test(path)) return 'apk-installed';
  return undefined;
}

export function isPackageDatabase(path: string): boolean {
  return formatOf(path) !== undefined;
}

export interface DatabaseReader {
  manager: PackageManager;
  chunk(data: Buffer): boolean;
  end(): void;
}

/** A reader for the database file at `path` (undefined if it is none), handing every record's key to `add`. */
export function databaseReader(path: string, add: RecordSink): DatabaseReader | undefined {
  const format = formatOf(path);
  if (!format) return undefined;
  const parser =
    format === 'dpkg-md5sums'
      ? { line: (line: Buffer) => parseMd5sumsLine(line, add) }
      : format === 'dpkg-status'
        ? new DpkgStatusParser(add)
        : new ApkInstalledParser(add);
  const lines = new LineSplitter((line) => parser.line(line));
  return {
    manager: format === 'apk-installed' ? 'apk' : 'dpkg',
    chunk: (data) => {
      lines.push(data);
      return true;
    },
    end: () => lines.end(),
  };
}
