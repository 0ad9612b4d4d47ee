// A bounded tree of the final filesystem's directories by bytes, for the HTML report's icicle.
// The bound keeps a 200,000-file image's report small: at most MAX_DEPTH levels, at most
// MAX_CHILDREN children per directory, and only directories holding at least MIN_SHARE of the
// image's file bytes; whatever is left out is summed into one "(other …)" node per directory.

export interface DirectoryNode {
  /** Last path component ("" for the root); "(other N)" for an aggregate, "(files)" for files directly inside. */
  name: string;
  sizeBytes: number;
  children?: DirectoryNode[];
}

export const TREE_BOUNDS = { maxDepth: 5, maxChildren: 12, minShare: 0.002 } as const;

interface Counting {
  size: number;
  files: number;
  dirs: Map<string, Counting>;
}

/** `files`: the regular files of the final filesystem (absolute paths), each once. */
export function directoryTree(files: Iterable<{ path: string; size: number }>): DirectoryNode {
  const counter = new DirectoryCounter();
  for (const file of files) counter.addFile(file.path, file.size);
  return counter.tree();
}

/** Counts files as they come (the size analysis feeds it from its one walk), then prunes to the bound. */
export class DirectoryCounter {
  private readonly root: Counting = { size: 0, files: 0, dirs: new Map() };
  /**
   * The last file's directory and the nodes counted for it: files arrive in tar order, mostly a
   * directory's files one after another, and the next one of the same directory reuses them.
   */
  private lastDir = '';
  private lastNodes: Counting[] = [];
  private lastFiles: Counting | undefined = this.root;

  /** `dirs`: the file's directory path components, root first. */
  add(dirs: readonly string[], size: number): void {
    if (size === 0) return;
    this.root.size += size;
    let node = this.root;
    // Deeper directories than the bound are never shown, so they are never counted separately.
    const depth = Math.min(dirs.length, TREE_BOUNDS.maxDepth);
    for (let i = 0; i < depth; i++) {
      const part = dirs[i]!;
      let child = node.dirs.get(part);
      if (!child) node.dirs.set(part, (child = { size: 0, files: 0, dirs: new Map() }));
      child.size += size;
      node = child;
    }
    if (dirs.length <= TREE_BOUNDS.maxDepth) node.files += size;
  }

  /**
   * The same as `add` with the directories of an absolute file path ("/a/b/c" → a, b), read in
   * place: no array or string per component past the depth the tree keeps.
   */
  addFile(path: string, size: number): void {
    if (size === 0) return;
    this.root.size += size;
    const last = path.lastIndexOf('/');
    if (last === this.lastDir.length && path.startsWith(this.lastDir)) {
      for (const node of this.lastNodes) node.size += size;
      if (this.lastFiles) this.lastFiles.files += size;
      return;
    }
    let node = this.root;
    const nodes: Counting[] = [];
    let depth = 0;
    for (let start = 1; start <= last; depth++) {
      const end = path.indexOf('/', start);
      if (depth < TREE_BOUNDS.maxDepth) {
        const part = path.slice(start, end);
        let child = node.dirs.get(part);
        if (!child) node.dirs.set(part, (child = { size: 0, files: 0, dirs: new Map() }));
        child.size += size;
        nodes.push(child);
        node = child;
      }
      start = end + 1;
    }
    this.lastFiles = depth <= TREE_BOUNDS.maxDepth ? node : undefined;
    if (this.lastFiles) this.lastFiles.files += size;
    this.lastDir = path.slice(0, last);
    this.lastNodes = nodes;
  }

  /**
   * The `top` largest directories down to `depth` levels (at most the tree's own bound), as absolute
   * paths, largest first; among equal sizes, in the order they were first counted, parents first.
   */
  largest(depth: number, top: number): { path: string; sizeBytes: number }[] {
    const found: { path: string; sizeBytes: number }[] = [];
    const visit = (prefix: string, node: Counting, level: number): void => {
      for (const [name, child] of node.dirs) {
        const path = `${prefix}/${name}`;
        found.push({ path, sizeBytes: child.size });
        if (level < Math.min(depth, TREE_BOUNDS.maxDepth)) visit(path, child, level + 1);
      }
    };
    visit('', this.root, 1);
    return found.sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, top);
  }

  tree(): DirectoryNode {
    return prune('', this.root, Math.max(1, this.root.size * TREE_BOUNDS.minShare));
  }
}

function prune(name: string, node: Counting, minBytes: number): DirectoryNode {
  const sorted = [...node.dirs].sort((a, b) => b[1].size - a[1].size);
  const kept = sorted.filter(([, child], i) => i < TREE_BOUNDS.maxChildren && child.size >= minBytes);
  const children = kept.map(([childName, child]) => prune(childName, child, minBytes));
  const shown = kept.reduce((sum, [, child]) => sum + child.size, 0);
  const rest = node.size - shown;
  const directFiles = Math.min(node.files, rest);
  if (directFiles > 0 && children.length > 0) children.push({ name: '(files)', sizeBytes: directFiles });
  const other = rest - (children.length > 0 ? directFiles : 0);
  const omitted = sorted.length - kept.length;
  if (other > 0 && omitted > 0 && children.length > 0) children.push({ name: `(other ${omitted})`, sizeBytes: other });
  return children.length > 0 ? { name, sizeBytes: node.size, children } : { name, sizeBytes: node.size };
}
