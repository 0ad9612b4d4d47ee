// The image as the rules see it: config, platform, and layers in order, each tied to its Dockerfile step.
import type { HistoryEntry, ImageConfig } from './image-config.js';
import type { BaseImageLayers, ImageLayer } from './image-layer.js';
import type { SizeAnalysis } from './size-analysis.js';

export interface ImageModel {
  /** The reference as the user wrote it. */
  reference: string;
  /** Normalised form (docker.io/library/nginx:1.27), used for budget and waiver globs. */
  normalizedReference: string;
  /** Config digest: the engine's image ID. */
  imageId: string;
  /** Manifest digest when known (repo digest), else the image ID. */
  digest: string;
  repoDigests: string[];
  platform: string;
  config: ImageConfig;
  layers: ImageLayer[];
  sizeBytes: number;
  /** Sum of the layer blobs as the registry or layout stores them; undefined when the source does not say. */
  compressedSizeBytes?: number;
  /** Where the bytes go (set by the engine before rules run). */
  size?: SizeAnalysis;
  /** The image this one is compared with for growth (--compare-to, --baseline). */
  baseline?: SizeBaseline;
  /** The base image named with --base-image: its layers' diffIDs tell which of this image's layers it supplied. */
  baseImage?: BaseImageLayers;
}

/** A previous image's size, for growth budgets. */
export interface SizeBaseline {
  reference: string;
  totalBytes: number;
  layers: { sizeBytes: number; createdBy?: string }[];
}

/**
 * History entries without `empty_layer` correspond, in order, to rootfs.diff_ids; that is the only
 * link between a layer and the Dockerfile step that made it.
 */
export function attachHistory(layers: Omit<ImageLayer, 'createdBy' | 'historyIndex'>[], history: HistoryEntry[]): ImageLayer[] {
  const steps = history.map((entry, historyIndex) => ({ entry, historyIndex })).filter(({ entry }) => !entry.empty_layer);
  return layers.map((layer, i) => {
    const step = steps[i];
    if (!step || steps.length !== layers.length) return { ...layer };
    return { ...layer, historyIndex: step.historyIndex, ...(step.entry.created_by !== undefined ? { createdBy: step.entry.created_by } : {}) };
  });
}

/** Strips the builder's "/bin/sh -c #(nop) " noise so a Dockerfile step reads like one. */
export function describeStep(createdBy: string | undefined): string {
  if (!createdBy) return '(no history)';
  return createdBy
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
    .replace(/^\/bin\/sh -c /, 'RUN ')
    .trim();
}
