// What an archive path says about its blob's bytes. Some layouts name a blob by its digest: an OCI
// layout's "blobs/sha256/<hex>" (any blob, a layer compressed or not), and go-containerregistry's
// and kaniko's "<hex>.tar.gz" (a compressed layer). Names like "<id>/layer.tar" or skopeo's
// "<hex>.tar" state no digest; the diffID check covers them.

/** An OCI layout's blob path; the group is the digest's hex. */
export const BLOB_PATH = /^blobs\/sha256\/([a-f0-9]{64})$/;

/** go-containerregistry's and kaniko's name for a compressed layer, at the archive's root or below. */
const COMPRESSED_LAYER_NAME = /(?:^|\/)([a-f0-9]{64})\.(?:tar\.gz|tgz|tar\.zst)$/;

/** The digest the blob at `path` must hash to, where its name states one. */
export function statedBlobDigest(path: string): string | undefined {
  const hex = (BLOB_PATH.exec(path) ?? COMPRESSED_LAYER_NAME.exec(path))?.[1];
  return hex === undefined ? undefined : `sha256:${hex}`;
}

/** The compressed layer's digest a name of go-containerregistry's kind states (never a diffID). */
export function statedCompressedDigest(path: string): string | undefined {
  const hex = COMPRESSED_LAYER_NAME.exec(path)?.[1];
  return hex === undefined ? undefined : `sha256:${hex}`;
}
