// Collects every layer's package-database records and answers, once the image is read, whether a file is unchanged package content.
import { databaseReader, type DatabaseReader, type PackageManager } from './package-databases.js';
import { pathKey, recordKey } from './record-key.js';
import { MAX_RECORDS, RecordIndex, RecordList } from './record-list.js';

export type { PackageManager } from './package-databases.js';

/** Keys of a file's content digests (see record-key.ts), one per algorithm a database may use. */
export interface ContentDigests {
  md5: number;
  sha1: number;
  /** pip's RECORD; absent in findings saved by an older layer cache. */
  sha256?: number;
}

/** What the report says about package content for one image. */
export interface PackageContentSummary {
  /** Package databases found in the image's layers. */
  databases: PackageManager[];
  /** Distinct (path, digest) records in those databases, over every layer's copy. */
  knownFiles: number;
  /** Files with findings whose content matched their package's record: treated as package content. */
  verifiedFiles: number;
  verifiedBytes: number;
  /** Findings not reported because they were in such files. */
  droppedFindings: number;
  /**
   * Per ecosystem (npm, pip, composer, gem, go, maven) and for 'docs and tests': packages whose
   * records the image holds, and the files and findings classified as their content (reported at
   * the lower severity of secret-file's thirdPartyContent / docsAndTests options).
   */
  thirdParty?: ThirdPartySummary;
}

export type ThirdPartySummary = Record<string, { packages: number; files: number; findings: number }>;

/** A layer's records as its memo keeps them (for the layer cache and shared exports). */
export interface SavedRecords {
  managers: PackageManager[];
  records: string;
}

interface LayerRecords {
  managers: Set<PackageManager>;
  list: RecordList;
}

/**
 * merged-/usr: dpkg still records coreutils' `bin/ls`, but on bookworm /bin is a link to usr/bin,
 * so the tar carries `usr/bin/ls`. Content equal to what a package ships at the other spelling is
 * package content either way, so both spellings are tried.
 */
const MERGED_USR = /^\/(?:usr\/)?((?:s?bin|lib|lib32|lib64|libx32|libo32)\/.+)$/;

function spellings(path: string): string[] {
  const merged = MERGED_USR.exec(path);
  return merged ? [`/${merged[1]}`, `/usr/${merged[1]}`] : [path];
}

/** Records kept over all layers (16 MB): many layers of hostile databases stay bounded too. */
const MAX_TOTAL = 2 * MAX_RECORDS;

export class PackageContent {
  private readonly layers = new Map<string, LayerRecords>();
  private total = 0;

  /** A reader for a package database file of layer `layerKey`, or undefined if `path` is none. */
  reader(path: string, layerKey: string): DatabaseReader | undefined {
    let layer: LayerRecords | undefined;
    const reader = databaseReader(path, (key) => {
      if (this.total >= MAX_TOTAL) return;
      layer!.list.add(key);
      this.total++;
    });
    if (!reader) return undefined;
    layer = this.layer(layerKey);
    layer.managers.add(reader.manager);
    return reader;
  }

  /** Some layer read so far has dpkg or apk records (of this image or another in the same archive). */
  get hasRecords(): boolean {
    return this.total > 0;
  }

  save(layerKey: string): SavedRecords | undefined {
    const layer = this.layers.get(layerKey);
    if (!layer || layer.list.size === 0) return undefined;
    return { managers: [...layer.managers], records: layer.list.encode() };
  }

  static parse(value: unknown): LayerRecords | undefined {
    const saved = value as Partial<SavedRecords> | null;
    if (typeof saved !== 'object' || saved === null || typeof saved.records !== 'string' || !Array.isArray(saved.managers)) return undefined;
    if (!saved.managers.every((m) => m === 'dpkg' || m === 'apk')) return undefined;
    const list = RecordList.decode(saved.records);
    return list ? { managers: new Set(saved.managers), list } : undefined;
  }

  apply(layerKey: string, parsed: unknown): void {
    const layer = parsed as LayerRecords;
    if (this.total + layer.list.size > MAX_TOTAL) return;
    this.layers.set(layerKey, layer);
    this.total += layer.list.size;
  }

  /** The records of the layers `ofImage` accepts (an archive may hold other images' layers too), ready for lookups. */
  index(ofImage: (layerKey: string) => boolean): PackageIndex {
    const layers = [...this.layers].filter(([key]) => ofImage(key)).map(([, layer]) => layer);
    const managers = new Set(layers.flatMap((layer) => [...layer.managers]));
    return new PackageIndex([...managers].sort(), new RecordIndex(layers.map((layer) => layer.list)));
  }

  private layer(layerKey: string): LayerRecords {
    let layer = this.layers.get(layerKey);
    if (!layer) this.layers.set(layerKey, (layer = { managers: new Set(), list: new RecordList() }));
    return layer;
  }
}

export class PackageIndex {
  constructor(
    readonly managers: PackageManager[],
    private readonly records: RecordIndex,
  ) {}

  get knownFiles(): number {
    return this.records.size;
  }

  /** True when some package database of the image records this path with exactly this content. */
  matches(path: string, digests: ContentDigests): boolean {
    if (this.records.size === 0) return false;
    return spellings(path).some((spelling) => {
      const where = pathKey(spelling);
      return this.records.has(recordKey(where, digests.md5)) || this.records.has(recordKey(where, digests.sha1));
    });
  }
}
