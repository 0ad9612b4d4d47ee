// Which layers of an export or archive stream the cache already holds, decided from each layer's
// archive path before its bytes arrive (see docs/cache.md):
// - "blobs/sha256/<hex>" (OCI-layout exports of Engine >= 25, OCI and BuildKit archives): the name is
//   the blob's digest: a diffID when the blob is an uncompressed tar, else a compressed blob whose
//   diffID the cache learned when it last decompressed that blob (LayerCache.getBlobAlias);
// - "<hex>.tar.gz" (go-containerregistry's and kaniko's archives): the compressed blob's digest,
//   matched the same way; such a name never states a diffID;
// - "<v1-id>/layer.tar" (classic exports): the engine's v1 ID, matched against the chain IDs of the
//   image's diffIDs (known from the engine's inspect) with the directory's own `json` (v1-id.ts).
// Anything else, or a miss, is read as usual. A hit's bytes are still hashed against its digest.
import { BLOB_PATH, statedCompressedDigest } from '../layers/blob-names.js';
import type { CachedLayer, CachedLayerLookup } from '../layers/save-archive.js';
import { chainIdsOf, layerOfV1Dir } from '../layers/v1-id.js';
import type { LayerCache } from './layer-cache.js';
import type { LayerRecord } from './layer-record.js';

const V1_LAYER_PATH = /^([a-f0-9]{64})\/layer\.tar$/;

/**
 * `diffIds`: the image's layers as the source knows them before the export (engine inspect), if it
 * does. `restore` replays a record into the rules under the layer's path; false means "read it".
 * `record` fetches a layer's record (LayerReuser's may have read it ahead).
 */
export function cachedLayerLookup(
  cache: LayerCache,
  diffIds: readonly string[] | undefined,
  restore: (layerPath: string, record: LayerRecord) => boolean,
  record: (diffId: string) => Promise<LayerRecord | undefined> = (diffId) => cache.getLayer(diffId),
): CachedLayerLookup {
  let chainIds: string[] | undefined;
  return async (layerPath, documents): Promise<CachedLayer | undefined> => {
    let diffId: string | undefined;
    let expect: string | undefined;
    const blob = BLOB_PATH.exec(layerPath);
    const compressed = statedCompressedDigest(layerPath);
    if (blob) {
      const digest = `sha256:${blob[1]}`;
      if (await cache.hasLayers([digest])) diffId = expect = digest;
      else {
        diffId = await cache.getBlobAlias(digest);
        expect = digest;
      }
    } else if (compressed) {
      diffId = await cache.getBlobAlias(compressed);
      expect = compressed;
    } else {
      const v1 = V1_LAYER_PATH.exec(layerPath);
      const json = v1 ? documents.get(`${v1[1]}/json`) : undefined;
      if (v1 && json && diffIds && diffIds.length > 0) {
        chainIds ??= chainIdsOf(diffIds);
        const position = layerOfV1Dir(v1[1]!, json, chainIds);
        if (position !== undefined) diffId = expect = diffIds[position];
      }
    }
    if (!diffId || !expect) return undefined;
    const found = await record(diffId);
    if (!found || !restore(layerPath, found)) return undefined;
    return { index: found.index, expect };
  };
}
