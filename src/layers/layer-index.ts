// What one layer ships: its entries, whiteouts and opaque directories, independent of the layers around it.
import type { LayerEntries } from './layer-entries.js';

export interface LayerIndex {
  /** Uncompressed digest of the layer tar ("sha256:…"), computed while streaming. */
  diffId: string;
  /** Digest of the blob as stored (equals diffId for uncompressed layers). */
  blobDigest: string;
  /** Bytes of the blob as stored (compressed size for gzip layers). */
  blobBytes: number;
  /** Bytes of the uncompressed tar stream. */
  tarBytes: number;
  /** Sum of regular-file sizes: what the engine reports as the layer's size. */
  fileBytes: number;
  compression: 'none' | 'gzip' | 'zstd';
  /** One entry per path (the tar's last word on it), in tar order. */
  entries: LayerEntries;
  /** Paths deleted from lower layers by ".wh.<name>" markers. */
  whiteouts: string[];
  /** Directories whose lower-layer contents are hidden by ".wh..wh..opq". */
  opaqueDirs: string[];
}
