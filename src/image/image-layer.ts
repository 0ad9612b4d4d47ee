// One layer of the image in order, tied to its Dockerfile step. Its own file so that the size analysis
// (which reads layers) and the image model (which holds the analysis) do not import each other.
export interface ImageLayer {
  index: number;
  diffId: string;
  /** Sum of regular-file sizes in the layer, as the engine counts a layer's size. */
  sizeBytes: number;
  /** Bytes of the blob as stored, when the source knows it (compressed for gzip layers). */
  compressedSizeBytes?: number;
  createdBy?: string;
  historyIndex?: number;
}

/** The image a checked one was built on, as --base-image names it: its layers by diffID. */
export interface BaseImageLayers {
  reference: string;
  diffIds: string[];
}
