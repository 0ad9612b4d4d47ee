// The on-disk layer cache: one gzipped record per layer (JSON lines, see layer-record.ts; keyed by
// diffID under a fingerprint of the code and the rules' configuration) and the raw image configs,
// bounded in size with least-recently-used eviction. Writes are atomic (temp file + rename), so
// several imagegate processes can share one cache; anything unreadable is a miss, never an error.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { RecordDecoder, recordPieces, type LayerRecord } from './layer-record.js';

/** Default bound on the cache's size on disk. */
export const DEFAULT_CACHE_MAX_BYTES = 2 * 1024 ** 3;
/** Eviction trims to this share of the bound, so it does not run again on the very next write. */
const EVICT_TO = 0.8;
/** A temp file older than this was left by a process that died mid-write. */
const STALE_TEMP_MS = 60 * 60 * 1000;

const HEX = /^sha256:([a-f0-9]{64})$/;

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'imagegate');
}

export interface LayerCacheOptions {
  dir: string;
  /** Code and rule-configuration fingerprint: records made under another one are never read. */
  fingerprint: string;
  maxBytes?: number;
  /** Told once about a cache that cannot be written (read-only or full disk); checks go on uncached. */
  onWarning?: (message: string) => void;
}

export class LayerCache {
  readonly dir: string;
  private readonly layersDir: string;
  private readonly configsDir: string;
  private readonly blobsDir: string;
  private readonly maxBytes: number;
  private warned = false;
  /** Hits and writes of this process, for the CLI's summary line. */
  readonly stats = { layerHits: 0, layerMisses: 0, layersWritten: 0 };

  constructor(private readonly options: LayerCacheOptions) {
    this.dir = options.dir;
    this.layersDir = join(options.dir, 'layers', options.fingerprint);
    this.configsDir = join(options.dir, 'configs');
    this.blobsDir = join(options.dir, 'blobs');
    this.maxBytes = options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES;
  }

  /**
   * `ahead`: the record as `readAhead` read it earlier; it counts as a hit (and is touched) only
   * now, when it is used.
   */
  async getLayer(diffId: string, ahead?: Promise<RecordRead>): Promise<LayerRecord | undefined> {
    const file = this.layerFile(diffId);
    if (!file) return undefined;
    try {
      const record = ahead ? unwrap(await ahead) : await readRecord(file, diffId);
      if (record) {
        this.stats.layerHits++;
        await touch(file);
        return record;
      }
      await rm(file, { force: true }); // damaged or foreign: drop it so it is rebuilt
    } catch {
      // missing or unreadable: a miss
    }
    this.stats.layerMisses++;
    return undefined;
  }

  /** Reads a record for a later `getLayer`; never rejects, and counts nothing until it is used. */
  readAhead(diffId: string): Promise<RecordRead> {
    const file = this.layerFile(diffId);
    if (!file) return Promise.resolve({ unreadable: true });
    return readRecord(file, diffId).then(
      (record) => ({ record }),
      () => ({ unreadable: true }),
    );
  }

  /** True when every layer has a record (a cheap stat each), so an engine export can be skipped. */
  async hasLayers(diffIds: readonly string[]): Promise<boolean> {
    for (const diffId of diffIds) {
      const file = this.layerFile(diffId);
      if (!file) return false;
      try {
        await stat(file);
      } catch {
        return false;
      }
    }
    return true;
  }

  /** True when at least one of the layers has a record (a cheap stat each). */
  async hasAnyLayer(diffIds: readonly string[]): Promise<boolean> {
    for (const diffId of diffIds) if (await this.hasLayers([diffId])) return true;
    return false;
  }

  async putLayer(record: LayerRecord): Promise<void> {
    const file = this.layerFile(record.index.diffId);
    if (!file) return;
    // Streamed: the record's JSON goes to gzip piece by piece (see recordPieces).
    await this.write(this.layersDir, file, (temp) =>
      pipeline(Readable.from(recordPieces(record)), createGzip({ level: 1 }), createWriteStream(temp)),
    );
    this.stats.layersWritten++;
    await this.putBlobAlias(record.index.blobDigest, record.index.diffId);
  }

  /**
   * The diffID a compressed blob was seen to decompress to, so an export that names the blob by its
   * digest (the containerd store, BuildKit archives) can be matched to a record without decompressing
   * it. A fact about content, not about rules, so it is kept outside the fingerprint.
   */
  async getBlobAlias(blobDigest: string): Promise<string | undefined> {
    const hex = HEX.exec(blobDigest)?.[1];
    if (!hex) return undefined;
    const text = await readFile(join(this.blobsDir, hex), 'utf8').catch(() => '');
    return HEX.test(text) ? text : undefined;
  }

  private async putBlobAlias(blobDigest: string, diffId: string): Promise<void> {
    const hex = HEX.exec(blobDigest)?.[1];
    if (!hex || blobDigest === diffId || !HEX.test(diffId)) return;
    if ((await this.getBlobAlias(blobDigest)) === diffId) return;
    await this.write(this.blobsDir, join(this.blobsDir, hex), Buffer.from(diffId));
  }

  /** The raw config whose sha256 is `imageId`; verified on the way out, like every other input. */
  async getConfig(imageId: string): Promise<Buffer | undefined> {
    const hex = HEX.exec(imageId)?.[1];
    if (!hex) return undefined;
    try {
      const raw = await readFile(join(this.configsDir, `${hex}.json`));
      if (createHash('sha256').update(raw).digest('hex') === hex) return raw;
    } catch {
      // a miss
    }
    return undefined;
  }

  async putConfig(imageId: string, raw: Buffer): Promise<void> {
    const hex = HEX.exec(imageId)?.[1];
    if (!hex || createHash('sha256').update(raw).digest('hex') !== hex) return;
    await this.write(this.configsDir, join(this.configsDir, `${hex}.json`), raw);
  }

  /**
   * The small documents of an export whose engine ID is not its config digest (the containerd
   * store: a manifest or index digest), with its layers' archive paths and diffIDs: what a check
   * needs to skip that export when every layer is cached. They are re-verified from the engine's
   * ID down (index, manifest, config digests) exactly as a read export's are, so a damaged or
   * altered file fails that check and the export is requested as usual. `platform` is the
   * selection the documents were read with: another selection is another entry.
   */
  async getImageDocuments(engineId: string, platform: string): Promise<ImageDocuments | undefined> {
    const file = this.documentsFile(engineId, platform);
    if (!file) return undefined;
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as { documents?: unknown; layers?: unknown };
      if (typeof parsed.documents !== 'object' || parsed.documents === null || !Array.isArray(parsed.layers)) return undefined;
      const documents = new Map<string, Buffer>();
      for (const [path, base64] of Object.entries(parsed.documents as Record<string, unknown>)) {
        if (typeof base64 !== 'string') return undefined;
        documents.set(path, Buffer.from(base64, 'base64'));
      }
      const layers: [string, string][] = [];
      for (const pair of parsed.layers as unknown[]) {
        if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string' || !HEX.test(pair[1])) return undefined;
        layers.push([pair[0], pair[1]]);
      }
      await touch(file);
      return { documents, layers };
    } catch {
      return undefined; // missing or unreadable: a miss
    }
  }

  async putImageDocuments(engineId: string, platform: string, image: ImageDocuments): Promise<void> {
    const file = this.documentsFile(engineId, platform);
    if (!file) return;
    const documents = Object.fromEntries([...image.documents].map(([path, raw]) => [path, raw.toString('base64')]));
    await this.write(this.configsDir, file, Buffer.from(JSON.stringify({ documents, layers: image.layers })));
  }

  private documentsFile(engineId: string, platform: string): string | undefined {
    const hex = HEX.exec(engineId)?.[1];
    if (!hex) return undefined;
    const selection = createHash('sha256').update(platform).digest('hex').slice(0, 16);
    return join(this.configsDir, `${hex}.${selection}.documents.json`);
  }

  /** Trims the cache to its bound, least recently used first (reads touch a record's mtime). */
  async evict(): Promise<void> {
    const files: { path: string; size: number; mtime: number }[] = [];
    const now = Date.now();
    // Every fingerprint's records (older fingerprints age out by the same rule) and the configs.
    const dirs = [...(await subdirs(join(this.dir, 'layers'))).map((name) => join(this.dir, 'layers', name)), this.configsDir, this.blobsDir];
    for (const dir of dirs) {
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const path = join(dir, name);
        const info = await stat(path).catch(() => undefined);
        if (!info?.isFile()) continue;
        if (name.endsWith('.tmp')) {
          if (now - info.mtimeMs > STALE_TEMP_MS) await rm(path, { force: true });
          continue;
        }
        files.push({ path, size: info.size, mtime: info.mtimeMs });
      }
    }
    let total = files.reduce((sum, file) => sum + file.size, 0);
    if (total <= this.maxBytes) return;
    files.sort((a, b) => a.mtime - b.mtime);
    for (const file of files) {
      if (total <= this.maxBytes * EVICT_TO) break;
      await rm(file.path, { force: true });
      total -= file.size;
    }
  }

  private layerFile(diffId: string): string | undefined {
    const hex = HEX.exec(diffId)?.[1];
    return hex ? join(this.layersDir, `${hex}.json.gz`) : undefined;
  }

  /** Temp file in the same directory, then rename: readers see the whole record or none. */
  private async write(dir: string, file: string, data: Buffer | ((temp: string) => Promise<void>)): Promise<void> {
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(dir, { recursive: true });
      if (Buffer.isBuffer(data)) await writeFile(temp, data);
      else await data(temp);
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      if (!this.warned) {
        this.warned = true;
        this.options.onWarning?.(
          `the layer cache at ${this.dir} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); checking without it`,
        );
      }
    }
  }
}

/** An export's documents and its layers' archive paths with their diffIDs (see getImageDocuments). */
export interface ImageDocuments {
  documents: Map<string, Buffer>;
  layers: [path: string, diffId: string][];
}

/** A record read ahead of its use: undefined when the file is not a valid record. */
export type RecordRead = { record: LayerRecord | undefined } | { unreadable: true };

/** Throws for a file that could not be read, as `readRecord` does, so `getLayer` treats both alike. */
function unwrap(read: RecordRead): LayerRecord | undefined {
  if ('unreadable' in read) throw new Error('layer record unreadable');
  return read.record;
}

/** Inflates a record file into the decoder as it reads; undefined when it is not a valid record. */
async function readRecord(file: string, diffId: string): Promise<LayerRecord | undefined> {
  const decoder = new RecordDecoder(diffId);
  const source = createReadStream(file);
  const inflate = createGunzip();
  source.on('error', (error) => inflate.destroy(error)); // pipe() does not pass errors on
  try {
    for await (const chunk of source.pipe(inflate) as AsyncIterable<Buffer>) {
      if (!decoder.bytes(chunk)) return undefined;
    }
    return decoder.finish();
  } finally {
    source.destroy();
  }
}

async function touch(file: string): Promise<void> {
  const now = new Date();
  await utimes(file, now, now).catch(() => undefined);
}

async function subdirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}
