// Record keys in typed arrays: one growable list per layer, and the sorted, de-duplicated union an image is checked against.

const INITIAL = 1024;
/**
 * Records kept per layer (8 MB). A distro image with everything installed has a few hundred
 * thousand; a hostile database could list millions. Records past the cap are ignored, which only
 * means their files' findings are reported.
 */
export const MAX_RECORDS = 1_000_000;

/** One layer's record keys, in the order its databases were read: 8 bytes a record. */
export class RecordList {
  private keys = new Float64Array(INITIAL);
  private count = 0;

  add(key: number): void {
    if (this.count >= MAX_RECORDS) return;
    if (this.count === this.keys.length) {
      const grown = new Float64Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[this.count++] = key;
  }

  get size(): number {
    return this.count;
  }

  view(): Float64Array {
    return this.keys.subarray(0, this.count);
  }

  /**
   * base64 of the raw doubles, for a layer memo (JSON). Byte order is the machine's: a cache carried
   * to a machine of the other order would match nothing, which only means findings are reported.
   */
  encode(): string {
    const view = this.view();
    return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64');
  }

  static decode(text: string): RecordList | undefined {
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length % 8 !== 0 || bytes.length / 8 > MAX_RECORDS) return undefined;
    const list = new RecordList();
    // Copied into its own, aligned buffer: a decoded Buffer may sit at any offset of Node's pool.
    list.keys = new Float64Array(Math.max(INITIAL, bytes.length / 8));
    new Uint8Array(list.keys.buffer).set(bytes);
    list.count = bytes.length / 8;
    return list;
  }
}

/** Every record of an image's layers, sorted once so each lookup is a binary search. */
export class RecordIndex {
  private readonly keys: Float64Array;

  constructor(lists: Iterable<RecordList>) {
    const all = [...lists];
    const merged = new Float64Array(all.reduce((sum, list) => sum + list.size, 0));
    let at = 0;
    for (const list of all) {
      merged.set(list.view(), at);
      at += list.size;
    }
    merged.sort();
    // The same record shows up in several layers (each apt run rewrites status): count it once.
    let unique = 0;
    for (let i = 0; i < merged.length; i++) if (i === 0 || merged[i] !== merged[unique - 1]) merged[unique++] = merged[i]!;
    this.keys = merged.subarray(0, unique);
  }

  get size(): number {
    return this.keys.length;
  }

  has(key: number): boolean {
    let low = 0;
    let high = this.keys.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const value = this.keys[mid]!;
      if (value === key) return true;
      if (value < key) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  }
}
