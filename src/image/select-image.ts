// Finds one image's config and layers in a docker-save manifest.json or an OCI index.json chain:
// by engine image ID, by name/tag, by position, then by platform through (nested) indexes.
// Every manifest and index followed by digest is verified against that digest.
import { jsonShapeProblem } from './json-shape.js';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ArchiveFormatError, DigestMismatchError } from '../layers/errors.js';
import { PlatformNotFoundError, formatPlatform, matchesPlatform, type Platform } from './platform.js';

const saveManifestSchema = z.array(
  z.looseObject({
    Config: z.string(),
    RepoTags: z.array(z.string()).nullable().optional(),
    Layers: z.array(z.string()),
    // go-containerregistry's tarball.Write: compressed descriptors keyed by diffID (foreign layers).
    LayerSources: z
      .record(z.string(), z.looseObject({ digest: z.string().optional() }))
      .nullable()
      .optional(),
  }),
);

const descriptorSchema = z.looseObject({
  mediaType: z.string().optional(),
  digest: z.string().regex(/^sha256:[a-f0-9]{64}$/, 'must be a sha256 digest'),
  size: z.number().optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  platform: z.looseObject({ os: z.string(), architecture: z.string(), variant: z.string().optional() }).optional(),
});
type Descriptor = z.infer<typeof descriptorSchema>;

const ociIndexSchema = z.looseObject({ mediaType: z.string().optional(), manifests: z.array(descriptorSchema) });

const ociManifestSchema = z.looseObject({
  mediaType: z.string().optional(),
  config: descriptorSchema,
  layers: z.array(descriptorSchema),
});

/** Which image of an archive or layout to check. All fields optional; see selectImage. */
export interface ImageSelector {
  /** Engine image ID ("sha256:…"): the config must be exactly this. */
  imageId?: string;
  /** A name as tagged in the archive ("app:1", normalized forms accepted) or an OCI ref.name ("1.0"). */
  name?: string;
  /** Candidate spellings of `name` (as written and normalized). */
  nameCandidates?: string[];
  /** Manifest digest ("sha256:…") within an OCI layout. */
  digest?: string;
  /** Position in manifest.json / index.json (skopeo's "@N"). */
  index?: number;
  /** Platform to pick from an index; undefined: the host's. */
  platform: Platform;
}

export interface SelectedImage {
  configPath: string;
  /** The config's digest as named by the manifest; the config must hash to it. */
  configDigest: string;
  layerPaths: string[];
  /** Compressed layer sizes, when the manifest states them (OCI). */
  layerSizes: (number | undefined)[];
  /** Compressed layer digests by diffID, when a docker-load tarball states them (LayerSources). */
  layerSources?: Record<string, string>;
  /** Digest of the image manifest, when the layout names it (OCI). */
  manifestDigest?: string;
  /**
   * The engine's image ID when it names the index or manifest the selection was followed from
   * (containerd image store) rather than the config: every step from it was verified by digest.
   */
  chainRoot?: string;
  /** Tags the archive gives the image. */
  names: string[];
}

/** Reads a small JSON document by archive path; undefined when it is not there. */
export type DocumentReader = (path: string) => Buffer | undefined | Promise<Buffer | undefined>;

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);
const REF_NAME = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME = 'io.containerd.image.name';

export async function selectImage(read: DocumentReader, selector: ImageSelector, where: string): Promise<SelectedImage> {
  const manifestJson = await read('manifest.json');
  // Engine >= 25 writes both; index.json carries platforms and digests, so prefer it unless the
  // caller asks for an engine image ID, which manifest.json names directly.
  const indexJson = await read('index.json');
  if (selector.imageId && indexJson) {
    const fromRoot = await fromEngineDigest(read, selector.imageId, selector, where);
    if (fromRoot) return fromRoot;
  }
  if (manifestJson && (!indexJson || selector.imageId)) return fromSaveManifest(manifestJson, selector, where);
  if (!indexJson)
    throw new ArchiveFormatError(`${where}: neither manifest.json nor index.json found; this is not a docker save archive or an OCI image layout`);
  return fromOciIndex(read, indexJson, selector, where);
}

function fromSaveManifest(raw: Buffer, selector: ImageSelector, where: string): SelectedImage {
  const manifest = parseJson(saveManifestSchema, raw, `${where}: manifest.json`);
  const describe = (): string => manifest.map((m, i) => `@${i}${m.RepoTags?.length ? ` (${m.RepoTags.join(', ')})` : ''}`).join(', ');
  let entry: (typeof manifest)[number] | undefined;
  if (selector.imageId) {
    const wanted = selector.imageId.replace(/^sha256:/, '');
    // A lone image is taken even if its name differs: the config hash check then says exactly what is wrong.
    entry = manifest.find((m) => m.Config.includes(wanted)) ?? (manifest.length === 1 ? manifest[0] : undefined);
  } else if (selector.index !== undefined) {
    entry = manifest[selector.index];
  } else if (selector.name) {
    const names = new Set(selector.nameCandidates ?? [selector.name]);
    entry = manifest.find((m) => (m.RepoTags ?? []).some((tag) => names.has(tag) || names.has(normalizeTag(tag))));
  } else if (manifest.length === 1) {
    entry = manifest[0];
  } else {
    throw new ArchiveFormatError(
      `${where}: the archive holds ${manifest.length} images (${describe()}); name one, e.g. docker-archive:PATH:NAME:TAG or docker-archive:PATH:@0`,
    );
  }
  if (!entry) throw new ArchiveFormatError(`${where}: no image in the archive matches ${selectorText(selector)}; it holds ${describe()}`);
  const hex = /([a-f0-9]{64})(?:\.json)?$/.exec(entry.Config)?.[1];
  return {
    configPath: entry.Config,
    configDigest: hex ? `sha256:${hex}` : '',
    layerPaths: entry.Layers,
    layerSizes: entry.Layers.map(() => undefined),
    ...(entry.LayerSources
      ? {
          layerSources: Object.fromEntries(
            Object.entries(entry.LayerSources).flatMap(([diffId, source]) => (source.digest ? [[diffId, source.digest]] : [])),
          ),
        }
      : {}),
    names: entry.RepoTags ?? [],
  };
}

async function fromOciIndex(read: DocumentReader, raw: Buffer, selector: ImageSelector, where: string): Promise<SelectedImage> {
  const index = parseJson(ociIndexSchema, raw, `${where}: index.json`);
  const top = index.manifests;
  const describe = (): string =>
    top.map((d, i) => `@${i} ${d.annotations?.[REF_NAME] ?? d.annotations?.[CONTAINERD_NAME] ?? d.digest.slice(0, 19)}`).join(', ');
  let chosen: Descriptor | undefined;
  if (selector.digest) chosen = top.find((d) => d.digest === selector.digest);
  else if (selector.index !== undefined) chosen = top[selector.index];
  else if (selector.name) {
    const names = new Set([selector.name, ...(selector.nameCandidates ?? [])]);
    chosen = top.find((d) => names.has(d.annotations?.[REF_NAME] ?? '') || names.has(d.annotations?.[CONTAINERD_NAME] ?? ''));
  } else if (top.length === 1) chosen = top[0];
  else if (top.every((d) => d.platform)) {
    // A flat multi-platform index (what some tools write as the top level): choose by platform below.
    return fromManifestOrIndex(read, { mediaType: INDEX_TYPES.values().next().value, digest: '', manifests: top }, selector, where);
  } else {
    throw new ArchiveFormatError(`${where}: index.json lists ${top.length} images (${describe()}); name one with :TAG, @sha256:… or :@N`);
  }
  if (!chosen) throw new ArchiveFormatError(`${where}: no image in index.json matches ${selectorText(selector)}; it lists ${describe()}`);
  const names = [chosen.annotations?.[CONTAINERD_NAME] ?? chosen.annotations?.[REF_NAME]].filter((n): n is string => Boolean(n));
  return { ...(await fromDescriptor(read, chosen, selector, where, 0)), names };
}

/**
 * The containerd image store reports a manifest digest (or an index digest, for BuildKit output)
 * as the image ID, and its export holds that blob. Following the chain from it verifies index,
 * manifest and (in assembleArchiveImage) config and layers. Undefined when the ID is a config
 * digest (classic store, whose Engine >= 25 export is an OCI layout too): manifest.json then decides.
 */
async function fromEngineDigest(read: DocumentReader, imageId: string, selector: ImageSelector, where: string): Promise<SelectedImage | undefined> {
  if (!/^sha256:[a-f0-9]{64}$/.test(imageId)) return undefined;
  const blob = await read(blobPath(imageId));
  if (!blob) return undefined;
  verifyDigest(blob, imageId, blobPath(imageId), where);
  const json = parseUnknownJson(blob, `${where}: ${blobPath(imageId)}`) as { manifests?: unknown; layers?: unknown; config?: unknown } | null;
  if (json === null || typeof json !== 'object' || (!Array.isArray(json.manifests) && !(Array.isArray(json.layers) && json.config !== undefined)))
    return undefined;
  const selected = await fromDescriptor(read, { digest: imageId }, selector, where, 0);
  return { ...selected, chainRoot: imageId, names: namesFromIndex(await read('index.json'), imageId) };
}

/** The names index.json gives a digest (containerd's full name first), if any. */
function namesFromIndex(raw: Buffer | undefined, digest: string): string[] {
  if (!raw) return [];
  const entries = ociIndexSchema.safeParse(parseUnknownJson(raw, 'index.json'));
  if (!entries.success) return [];
  return entries.data.manifests
    .filter((d) => d.digest === digest)
    .flatMap((d) => [d.annotations?.[CONTAINERD_NAME] ?? d.annotations?.[REF_NAME]].filter((n): n is string => Boolean(n)));
}

/** Follows a descriptor: an index picks a platform (recursively), a manifest gives config and layers. */
async function fromDescriptor(
  read: DocumentReader,
  descriptor: Pick<Descriptor, 'digest' | 'mediaType'>,
  selector: ImageSelector,
  where: string,
  depth: number,
): Promise<SelectedImage> {
  if (depth > 4) throw new ArchiveFormatError(`${where}: image indexes nest more than 4 deep`);
  const path = blobPath(descriptor.digest);
  const blob = await read(path);
  if (!blob) throw new ArchiveFormatError(`${where}: ${path} (named by a descriptor) is missing`);
  verifyDigest(blob, descriptor.digest, path, where);
  const json = parseUnknownJson(blob, `${where}: ${path}`) as { mediaType?: string; manifests?: unknown };
  if (INDEX_TYPES.has(descriptor.mediaType ?? '') || INDEX_TYPES.has(json.mediaType ?? '') || Array.isArray(json.manifests)) {
    const nested = parseJson(ociIndexSchema, blob, `${where}: ${path}`);
    return fromManifestOrIndex(read, { ...nested, digest: descriptor.digest }, selector, where, depth);
  }
  const manifest = parseJson(ociManifestSchema, blob, `${where}: ${path}`);
  return {
    configPath: blobPath(manifest.config.digest),
    configDigest: manifest.config.digest,
    layerPaths: manifest.layers.map((layer) => blobPath(layer.digest)),
    layerSizes: manifest.layers.map((layer) => layer.size),
    manifestDigest: descriptor.digest,
    names: [],
  };
}

async function fromManifestOrIndex(
  read: DocumentReader,
  index: { mediaType?: string | undefined; digest: string; manifests: Descriptor[] },
  selector: ImageSelector,
  where: string,
  depth = 0,
): Promise<SelectedImage> {
  // Attestation manifests (BuildKit provenance/SBOM) carry platform unknown/unknown: never images.
  const images = index.manifests.filter((d) => d.platform?.os !== 'unknown');
  const match = images.find((d) => d.platform && matchesPlatform(d.platform, selector.platform));
  const label = (d: Descriptor): string => (d.platform ? formatPlatform(d.platform) : d.digest.slice(0, 19));
  if (!match) {
    const available = images.map(label);
    throw new PlatformNotFoundError(
      `${where}: no image for platform ${formatPlatform(selector.platform)}; available: ${available.join(', ') || 'none'} (choose one with --platform)`,
    );
  }
  if (!(await present(read, match))) {
    // A local store (containerd) may list platforms in an index whose content it never pulled.
    const here: string[] = [];
    for (const d of images) if (d !== match && (await present(read, d))) here.push(label(d));
    throw new PlatformNotFoundError(
      `${where}: the index lists platform ${label(match)}, but its content is not here (the store holds only part of the image); present: ${here.join(', ') || 'no platform'} — choose one with --platform, or pull the image for ${label(match)} first`,
    );
  }
  return fromDescriptor(read, match, selector, where, depth + 1);
}

/** Whether a descriptor's blob can be read here (an error reading it counts as present: fromDescriptor reports it). */
async function present(read: DocumentReader, descriptor: Descriptor): Promise<boolean> {
  try {
    return (await read(blobPath(descriptor.digest))) !== undefined;
  } catch {
    return true;
  }
}

/** manifest.json RepoTags are short ("app:1"); callers pass normalized candidates too. */
function normalizeTag(tag: string): string {
  const slash = tag.indexOf('/');
  const first = slash < 0 ? '' : tag.slice(0, slash);
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const withRegistry = hasRegistry ? tag : `docker.io/${slash < 0 ? `library/${tag}` : tag}`;
  return /:[^/]+$/.test(withRegistry) || withRegistry.includes('@') ? withRegistry : `${withRegistry}:latest`;
}

function selectorText(selector: ImageSelector): string {
  if (selector.imageId) return `image ID ${selector.imageId}`;
  if (selector.digest) return selector.digest;
  if (selector.index !== undefined) return `@${selector.index}`;
  return selector.name ? `"${selector.name}"` : 'the request';
}

export function blobPath(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return `blobs/${algorithm}/${hex}`;
}

export function verifyDigest(blob: Buffer, digest: string, path: string, where: string): void {
  const actual = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
  if (actual !== digest) throw new DigestMismatchError(`${where}: ${path} hashes to ${actual}, not ${digest}; the blob is corrupt or was altered`);
}

function parseUnknownJson(raw: Buffer, where: string): unknown {
  const problem = jsonShapeProblem(raw);
  if (problem)
    throw new ArchiveFormatError(`${where} is refused: ${problem}, far beyond any real manifest or index — the image is malformed or hostile`);
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new ArchiveFormatError(`${where} is not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

export function parseJson<T>(schema: z.ZodType<T>, raw: Buffer, where: string): T {
  const parsed = schema.safeParse(parseUnknownJson(raw, where));
  if (!parsed.success)
    throw new ArchiveFormatError(
      `${where} is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/**
 * The platforms an OCI index offers for the selected name (attestations left out), or [] when the
 * name is a single image. Used by --all-platforms to check each platform as its own image.
 */
export async function listPlatforms(read: DocumentReader, selector: Omit<ImageSelector, 'platform'>, where: string): Promise<Platform[]> {
  const indexJson = await read('index.json');
  if (!indexJson) return [];
  const top = parseJson(ociIndexSchema, indexJson, `${where}: index.json`).manifests;
  const platformsOf = (descriptors: Descriptor[]): Platform[] =>
    descriptors
      .filter((d) => d.platform && d.platform.os !== 'unknown')
      .map((d) => ({ os: d.platform!.os, architecture: d.platform!.architecture, variant: d.platform!.variant }));
  let chosen: Descriptor | undefined;
  if (selector.digest) chosen = top.find((d) => d.digest === selector.digest);
  else if (selector.index !== undefined) chosen = top[selector.index];
  else if (selector.name) {
    const names = new Set([selector.name, ...(selector.nameCandidates ?? [])]);
    chosen = top.find((d) => names.has(d.annotations?.[REF_NAME] ?? '') || names.has(d.annotations?.[CONTAINERD_NAME] ?? ''));
  } else if (top.length === 1) chosen = top[0];
  else if (top.every((d) => d.platform)) return platformsOf(top);
  if (!chosen) return []; // selectImage reports the problem with the full message
  const blob = await read(blobPath(chosen.digest));
  if (!blob) return [];
  verifyDigest(blob, chosen.digest, blobPath(chosen.digest), where);
  const json = parseUnknownJson(blob, where) as { manifests?: unknown };
  return Array.isArray(json.manifests) ? platformsOf(parseJson(ociIndexSchema, blob, where).manifests) : [];
}
