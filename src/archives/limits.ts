// Bounds against archive bombs: how much one archive and one image may expand, how many members,
// how deep archives may nest, and how far one member may out-grow its compressed bytes.
import { z } from 'zod';

export interface ArchiveLimits {
  /** Expanded bytes read out of one archive in the image (its nested archives included). */
  maxArchiveBytes: number;
  /** Expanded bytes read out of all archives of one image together. */
  maxImageBytes: number;
  /** Members (files) of one archive, nested ones included. */
  maxMembers: number;
  /** Archives inside archives: 1 opens only the image's own archives, 3 reaches a fat jar's lib jars' members. */
  maxDepth: number;
  /** Expanded size over compressed size of one member or stream, checked once it passed RATIO_FLOOR bytes. */
  maxRatio: number;
}

export type ArchiveLimit = keyof ArchiveLimits;

const MIB = 1024 * 1024;

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxArchiveBytes: 512 * MIB,
  maxImageBytes: 2048 * MIB,
  maxMembers: 50_000,
  maxDepth: 3,
  maxRatio: 200,
};

/** Small members compress far beyond any ratio (a 1 MB file of spaces); only big ones are judged. */
export const RATIO_FLOOR = MIB;

const count = z.number().int().positive();

export const archiveLimitsSchema = z.strictObject({
  maxArchiveBytes: count.default(DEFAULT_ARCHIVE_LIMITS.maxArchiveBytes),
  maxImageBytes: count.default(DEFAULT_ARCHIVE_LIMITS.maxImageBytes),
  maxMembers: count.default(DEFAULT_ARCHIVE_LIMITS.maxMembers),
  maxDepth: count.default(DEFAULT_ARCHIVE_LIMITS.maxDepth),
  maxRatio: count.default(DEFAULT_ARCHIVE_LIMITS.maxRatio),
});

/** Thrown inside an archive's reader when a bound is hit; the reader stops and reports it as a warning. */
export class ArchiveLimitError extends Error {
  constructor(
    readonly limit: ArchiveLimit,
    readonly value: number,
    /** The member (chain) being read when the bound was hit, if any. */
    readonly member?: string,
  ) {
    super(`${limit} (${value}) reached`);
  }
}

/** The image's share, consumed by every archive of the image. */
export class ImageArchiveBudget {
  expanded = 0;
  constructor(readonly limits: ArchiveLimits) {}
  get exhausted(): boolean {
    return this.expanded >= this.limits.maxImageBytes;
  }
}

/** One archive's counters (the outer file in the image and everything nested in it). */
export class ArchiveBudget {
  private expanded = 0;
  private members = 0;
  constructor(private readonly image: ImageArchiveBudget) {}

  get limits(): ArchiveLimits {
    return this.image.limits;
  }

  /** Counts expanded bytes; throws once a bound is passed. */
  expand(bytes: number, member?: string): void {
    this.expanded += bytes;
    this.image.expanded += bytes;
    if (this.expanded > this.limits.maxArchiveBytes) throw new ArchiveLimitError('maxArchiveBytes', this.limits.maxArchiveBytes, member);
    if (this.image.expanded > this.limits.maxImageBytes) throw new ArchiveLimitError('maxImageBytes', this.limits.maxImageBytes, member);
  }

  member(name: string): void {
    if (++this.members > this.limits.maxMembers) throw new ArchiveLimitError('maxMembers', this.limits.maxMembers, name);
  }

  /** Expanded vs compressed bytes of one member or stream. */
  ratio(expanded: number, compressed: number, member?: string): void {
    if (expanded > RATIO_FLOOR && expanded > this.limits.maxRatio * Math.max(compressed, 1))
      throw new ArchiveLimitError('maxRatio', this.limits.maxRatio, member);
  }
}
