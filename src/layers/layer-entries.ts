// One layer's entries kept in columns (a path array and numeric arrays) rather than an object and a
// Map slot per entry: a 3 GB image has 145,000 entries and, as objects, they were most of its heap.

export type EntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface LayerEntry {
  path: string;
  type: EntryType;
  /** Bytes of content; 0 for everything but regular files. */
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Target of a symlink or hardlink, as written in the tar. */
  linkname?: string;
}

/** Entry types by code (the cache's records store the codes too). */
export const ENTRY_TYPES: readonly EntryType[] = ['file', 'directory', 'symlink', 'hardlink', 'other'];
const TYPES = ENTRY_TYPES;
const TYPE_CODES = new Map(TYPES.map((type, code) => [type, code]));
/** Marks a slot whose path a later entry of the same tar replaced. */
const REPLACED = 255;

export class LayerEntries {
  #paths: string[] = [];
  #types = new Uint8Array(16);
  /** Sizes, modes and ids as doubles: exact for any integer a tar header or a cache record can hold. */
  #numbers = new Float64Array(16 * 4);
  /** Link targets are rare: kept by slot. */
  #links = new Map<number, string>();
  #live = 0;
  /** Slots in path order (the last slot of each path), built by `seal`, for `get`/`has`. */
  #sorted: Uint32Array | undefined;

  /** Appends an entry; call `seal` once every entry is in. */
  add(path: string, type: EntryType, size: number, mode: number, uid: number, gid: number, linkname?: string): void {
    const slot = this.#paths.length;
    if (slot >= this.#types.length) this.#grow();
    this.#paths.push(path);
    this.#types[slot] = TYPE_CODES.get(type)!;
    const n = slot * 4;
    this.#numbers[n] = size;
    this.#numbers[n + 1] = mode;
    this.#numbers[n + 2] = uid;
    this.#numbers[n + 3] = gid;
    if (linkname !== undefined) this.#links.set(slot, linkname);
    this.#sorted = undefined;
  }

  /**
   * A tar may list a path twice; the later entry is the one extracted. Only the last copy of each
   * path is kept, at the place of that last copy — what a Map with delete-and-reinsert would hold —
   * so replaying the entries replays the tar's last word on each path in order. No Map is needed
   * for that while walking: sorting by path once at the end finds the duplicates.
   */
  seal(): void {
    const count = this.#paths.length;
    const paths = this.#paths;
    // A plain array, not a typed one: its sort finds the runs already in order, and a tar lists a
    // directory's entries in name order, so most of a layer is (docs/benchmarks.md).
    const order = Array.from({ length: count }, (_, i) => i);
    order.sort((a, b) => (paths[a]! < paths[b]! ? -1 : paths[a]! > paths[b]! ? 1 : a - b));
    const kept: number[] = [];
    for (let i = 0; i < count; i++) {
      const slot = order[i]!;
      if (i + 1 < count && paths[order[i + 1]!] === paths[slot]) {
        this.#types[slot] = REPLACED;
        this.#links.delete(slot);
        continue;
      }
      if (this.#types[slot] !== REPLACED) kept.push(slot);
    }
    this.#live = kept.length;
    this.#sorted = Uint32Array.from(kept);
    // Growth by doubling leaves up to half the columns empty; nothing is added after the walk.
    if (this.#types.length > count) {
      this.#types = this.#types.slice(0, count);
      this.#numbers = this.#numbers.slice(0, count * 4);
    }
  }

  get size(): number {
    return this.#live;
  }

  /** Slots in use, live or replaced: one past the highest slot `slots()` can yield. */
  get slotCount(): number {
    return this.#paths.length;
  }

  /** Sum of regular-file sizes. */
  fileBytes(): number {
    let total = 0;
    for (const slot of this.slots()) if (this.#types[slot] === 0) total += this.#numbers[slot * 4]!;
    return total;
  }

  /** Slots of live entries, in tar order. */
  *slots(): Generator<number> {
    for (let slot = 0; slot < this.#paths.length; slot++) if (this.#types[slot] !== REPLACED) yield slot;
  }

  *values(): Generator<LayerEntry> {
    for (const slot of this.slots()) yield this.at(slot);
  }

  /** A fresh object for the entry in `slot` (callers may keep it; nothing else holds it). */
  at(slot: number): LayerEntry {
    const n = slot * 4;
    const entry: LayerEntry = {
      path: this.#paths[slot]!,
      type: TYPES[this.#types[slot]!]!,
      size: this.#numbers[n]!,
      mode: this.#numbers[n + 1]!,
      uid: this.#numbers[n + 2]!,
      gid: this.#numbers[n + 3]!,
    };
    const linkname = this.#links.get(slot);
    if (linkname !== undefined) entry.linkname = linkname;
    return entry;
  }

  pathAt(slot: number): string {
    return this.#paths[slot]!;
  }

  sizeAt(slot: number): number {
    return this.#numbers[slot * 4]!;
  }

  typeAt(slot: number): EntryType {
    return TYPES[this.#types[slot]!]!;
  }

  has(path: string): boolean {
    return this.#find(path) !== undefined;
  }

  /** The slot of the path's live entry, if the layer has one. */
  slotOf(path: string): number | undefined {
    return this.#find(path);
  }

  /** Slots of live entries in path order (plain string order). */
  sortedSlots(): Uint32Array {
    if (!this.#sorted) this.seal();
    return this.#sorted!;
  }

  get(path: string): LayerEntry | undefined {
    const slot = this.#find(path);
    return slot === undefined ? undefined : this.at(slot);
  }

  #find(path: string): number | undefined {
    if (!this.#sorted) this.seal();
    const sorted = this.#sorted!;
    let low = 0;
    let high = sorted.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const found = this.#paths[sorted[mid]!]!;
      if (found === path) return sorted[mid];
      if (found < path) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }

  #grow(): void {
    const types = new Uint8Array(Math.max(16, this.#types.length * 2));
    types.set(this.#types);
    this.#types = types;
    const numbers = new Float64Array(types.length * 4);
    numbers.set(this.#numbers);
    this.#numbers = numbers;
  }
}
