// A bounded tree of the final filesystem's directories by bytes, for the HTML report's icicle.
// The bound keeps a 200,000-file image's report small: at most MAX_DEPTH levels, at most
// MAX_CHILDREN children per directory, and only directories holding at least MIN_SHARE of the
// image's file bytes; whatever is left out is summed into one "(other …)" node per directory.
import type { FinalFilesystem } from '../layers/final-filesystem.js';

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

export function directoryTree(fs: FinalFilesystem): DirectoryNode {
  const root: Counting = { size: 0, files: 0, dirs: new Map() };
  for (const { entry } of fs.walk()) {
    if (entry.type !== 'file' || entry.size === 0) continue;
    root.size += entry.size;
    const parts = entry.path.split('/').slice(1, -1);
    let node = root;
    // Deeper directories than the bound are never shown, so they are never counted separately.
    for (const part of parts.slice(0, TREE_BOUNDS.maxDepth)) {
      let child = node.dirs.get(part);
      if (!child) node.dirs.set(part, (child = { size: 0, files: 0, dirs: new Map() }));
      child.size += entry.size;
      node = child;
    }
    if (parts.length <= TREE_BOUNDS.maxDepth) node.files += entry.size;
  }
  return prune('', root, Math.max(1, root.size * TREE_BOUNDS.minShare));
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
