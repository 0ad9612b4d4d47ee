// secret-file's view of one file that may be an archive: its first bytes decide (magic, not just the
// name); an archive's members go to the same scan threads as any file, a text file goes there whole.
import { ByteChannel } from '../archives/byte-streams.js';
import { readArchive, type ArchiveWarning } from '../archives/archive-reader.js';
import { ArchiveBudget, type ImageArchiveBudget } from '../archives/limits.js';
import { sniffArchiveAt, SNIFF_BYTES, type ArchiveKind } from '../archives/sniff.js';
import type { FileVisitor, WalkedFile } from '../layers/layer-walk.js';
import type { ContentDigests } from '../packages/package-content.js';
import { ContentDigester } from '../secrets/content-digests.js';
import type { FileScannerOptions, PooledFileScanner, ScannedFile } from '../secrets/index.js';
import { isInterestingPath } from '../secrets/paths.js';

export interface ArchiveOutcome {
  /** Matches per member; `member` joins the nesting chain with "!/". */
  members: { member: string; scanned: ScannedFile }[];
  warnings: (ArchiveWarning & { member?: string })[];
  /** The archive file's own digests (to tell a package's unchanged jar apart), when asked for. */
  digests?: ContentDigests;
}

export interface ArchiveAwareOptions {
  file: WalkedFile;
  openArchives: boolean;
  digests: boolean;
  budget: ImageArchiveBudget;
  scanner(path: string, size: number, options: FileScannerOptions): PooledFileScanner | undefined;
  /** The file was plain text: its scan. */
  onText(scan: Promise<ScannedFile>): void;
  /** The file was an archive: what reading it found, once it is fully read. */
  onArchive(outcome: Promise<ArchiveOutcome>): void;
  /**
   * Set when the file lies where a package manager installs: an archive there is not opened.
   * 'skip' leaves it unread (its place says whose it is); 'verify' hashes it instead, for its
   * digests to be checked against the package records once every layer is read.
   */
  vendor?: 'skip' | 'verify';
  /** An archive left unopened (see `vendor`), with its digests when verified. */
  onUnopened?(digests: ContentDigests | undefined): void;
}

/** Joins a nesting chain for display and for the report's `location.member`. */
export const memberPath = (chain: string[]): string => chain.join('!/');

/**
 * Compressed documentation: man and info pages and package changelogs, a thousand and more .gz
 * files in a Debian image that only ever hold what the distribution wrote. Opening them was most of
 * what archives cost an image without any of its own; plain text there is still scanned.
 */
const COMPRESSED_DOCS = /^\/usr\/(?:local\/)?share\/(?:man|info|doc)\//;

/** A visitor that sniffs the first bytes, then scans the file as text or opens it as an archive. */
export function archiveAwareVisitor(options: ArchiveAwareOptions): FileVisitor | undefined {
  const { file } = options;
  const text = isInterestingPath(file.path);
  const openArchives = options.openArchives && !COMPRESSED_DOCS.test(file.path);
  if (!text && !openArchives) return undefined;
  const headTarget = Math.min(file.size, SNIFF_BYTES);
  let head: Buffer[] = [];
  let headBytes = 0;
  let target: FileVisitor | undefined;
  let decided = false;

  const decide = (): void => {
    decided = true;
    const first = head.length === 1 ? head[0]! : Buffer.concat(head);
    const kind = openArchives ? sniffArchiveAt(options.file.path, first) : undefined;
    if (kind && options.vendor) target = unopenedTarget(options);
    else if (kind) target = archiveTarget(kind, options);
    else if (text) target = textTarget(options);
  };

  return {
    chunk(data) {
      if (!decided) {
        head.push(data);
        headBytes += data.length;
        if (headBytes < headTarget) return true;
        decide();
        const held = head;
        head = [];
        if (!target) return false;
        return feedAll(target, held);
      }
      return target ? target.chunk(data) : false;
    },
    end() {
      if (!decided) {
        decide();
        if (target) void feedAll(target, head);
      }
      target?.end();
    },
  };
}

/** Feeds held chunks in order, waiting wherever the target asks to. */
function feedAll(target: FileVisitor, chunks: Buffer[]): boolean | Promise<boolean> {
  for (let i = 0; i < chunks.length; i++) {
    const answer = target.chunk(chunks[i]!);
    if (answer instanceof Promise) {
      const rest = chunks.slice(i + 1);
      return answer.then((wants) => (wants && rest.length > 0 ? feedAll(target, rest) : wants));
    }
    if (!answer) return false;
  }
  return true;
}

/** A package's archive: read only to hash it (verify), or not at all (skip). */
function unopenedTarget(options: ArchiveAwareOptions): FileVisitor {
  if (options.vendor === 'skip') return { chunk: () => false, end: () => options.onUnopened?.(undefined) };
  // Hashed as it streams (nothing held): an archive is kept for its digests whatever it holds.
  const digester = new ContentDigester(Number.MAX_SAFE_INTEGER);
  return {
    chunk: (data) => {
      digester.add(data);
      return true;
    },
    end: () => options.onUnopened?.(digester.finish()),
  };
}

function textTarget(options: ArchiveAwareOptions): FileVisitor | undefined {
  const scanner = options.scanner(options.file.path, options.file.size, { digests: options.digests });
  if (!scanner) return undefined;
  return { chunk: (data) => scanner.write(data), end: () => options.onText(scanner.end()) };
}

function archiveTarget(kind: ArchiveKind, options: ArchiveAwareOptions): FileVisitor {
  const { file } = options;
  const channel = new ByteChannel();
  // Whether the jar is a package's own is known only after the last layer, and matters only when it
  // had findings: up to 1 MiB is held and hashed only then (most archives are small and clean),
  // larger archives are hashed as they stream.
  const digester = options.digests ? new ContentDigester(file.size) : undefined;
  const members: Promise<{ member: string; scanned: ScannedFile }>[] = [];
  const warnings: ArchiveOutcome['warnings'] = [];
  const reading = readArchive(kind, channel, file.path, new ArchiveBudget(options.budget), {
    scan(chain, size) {
      const member = memberPath(chain);
      const scanner = options.scanner(`/${chain[chain.length - 1]!.replace(/^\/+/, '')}`, size > 0 ? size : Number.MAX_SAFE_INTEGER, {
        digests: false,
      });
      if (!scanner) return undefined;
      return { write: (chunk) => scanner.write(chunk), end: () => void members.push(scanner.end().then((scanned) => ({ member, scanned }))) };
    },
    warn: (warning) => void warnings.push(warning.chain.length > 0 ? { ...warning, member: memberPath(warning.chain) } : warning),
  });
  let received = 0;
  let ended = false;
  const finish = (): void => {
    if (ended) return;
    ended = true;
    channel.end();
    options.onArchive(
      reading.then(async () => {
        const outcome: ArchiveOutcome = { members: await Promise.all(members), warnings };
        if (digester && (warnings.length > 0 || outcome.members.some(({ scanned }) => scanned.matches.length > 0)))
          outcome.digests = digester.finish();
        return outcome;
      }),
    );
  };
  return {
    chunk(data) {
      received += data.length;
      digester?.add(data);
      const pushed = channel.push(data);
      // Once the reader stopped (a bound, a broken archive) only the digests still want the bytes.
      if (received < file.size)
        return pushed instanceof Promise ? pushed.then((open) => open || digester !== undefined) : pushed || digester !== undefined;
      // The last byte: the walk waits until the archive is read, so archives are read one at a
      // time and a zip's spool is gone before the next one starts.
      finish();
      return reading.then(
        () => true,
        () => true,
      );
    },
    end: finish,
  };
}
