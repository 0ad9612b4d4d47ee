// Checks one image end to end: source → archive walk (rules see files) → ordered image → rules → findings.
import { errorCode } from './error-codes.js';
import type { Budgets } from '../config/budgets.js';
import type { Policy } from '../config/policy.js';
import { assembleArchiveImage, type ArchiveImage } from '../image/archive-image.js';
import { platformOf } from '../image/image-config.js';
import { attachHistory, type ImageModel, type SizeBaseline } from '../image/image-model.js';
import { FinalFilesystem } from '../layers/final-filesystem.js';
import { analyzeSize } from '../image/size-analysis.js';
import { readSaveArchive, type SavedArchive } from '../layers/save-archive.js';
import { rules as allRules } from '../rules/index.js';
import type { ScanPool } from '../secrets/index.js';
import type { CheckTarget } from '../sources/targets.js';
import type { SourceImage } from '../sources/source.js';
import type { Platform } from '../image/platform.js';
import { imagePasses } from '../exit-code.js';
import type { FailOn } from './finding.js';
import { postProcess } from './post-process.js';
import type { ImageReport } from './report.js';
import { Redactor } from './redactor.js';
import { RuleRunner } from './rule-runner.js';
import { LayerReuser } from './layer-reuse.js';
import type { LayerCache } from '../cache/layer-cache.js';

export interface CheckSettings {
  policy: Policy;
  budgets: Budgets;
  failOn: FailOn;
  /** Platform to pick from multi-platform images (indexes); the host's by default. */
  platform: Platform;
  /** Check every platform of a multi-platform index as its own image. */
  allPlatforms?: boolean;
  /** YYYY-MM-DD; waivers expiring before it no longer apply. */
  today: string;
  /** Layer cache shared by the run; layers it holds are not read again (none: every layer is read). */
  cache?: LayerCache;
  /** Threads for secret scanning of file contents (0: on the calling thread); default one per spare core. */
  scanThreads?: number;
  /** The previous image to measure growth against (--compare-to, --baseline), if any. */
  baselineFor?: (image: ImageModel) => SizeBaseline | undefined;
  /** Sees bytes and layers as they stream (the CLI draws progress from it). */
  progress?: ProgressSink;
  /** Receives phase timings of each image (the CLI prints them with --debug). */
  onTiming?: (reference: string, phases: PhaseTimings) => void;
  /** Sees the original error of an image that could not be checked (the CLI prints its stack with --debug). */
  onError?: (reference: string, error: unknown) => void;
}

export interface ProgressSink {
  start(reference: string): void;
  bytes(reference: string, count: number): void;
  layer(reference: string): void;
  done(reference: string): void;
}

/** Milliseconds since the check of the image started, at the end of each phase. */
export interface PhaseTimings {
  /** The source found the image (engine: inspect). */
  resolved: number;
  /** The first bytes of the image archive arrived (engine: the export has been prepared). */
  firstByte: number;
  /** Every layer has been read, hashed and walked. */
  layersRead: number;
  /** Rules finished (scan threads included). */
  rulesDone: number;
}

/** Never throws: an image that cannot be checked comes back with `error` set, which fails the run with exit 2. */
/** `resolved`: the source's answer for this reference when the caller already asked (a shared export does). */
export async function checkImage(reference: CheckTarget, settings: CheckSettings, scanPool: ScanPool, resolved?: SourceImage): Promise<ImageReport> {
  settings.progress?.start(reference.raw);
  try {
    return await inspectAndScan(reference, settings, scanPool, resolved);
  } catch (error) {
    return uncheckedReport(reference, settings, error);
  } finally {
    settings.progress?.done(reference.raw);
  }
}

/** The report of an image that could not be checked (exit 2), with the reason. */
export function uncheckedReport(reference: CheckTarget, settings: CheckSettings, error: unknown): ImageReport {
  settings.onError?.(reference.raw, error);
  return { reference: reference.raw, normalizedReference: reference.normalized, passed: false, findings: [], error: { message: messageOf(error), code: errorCode(error) } };
}

async function inspectAndScan(reference: CheckTarget, settings: CheckSettings, scanPool: ScanPool, known?: SourceImage): Promise<ImageReport> {
  const started = performance.now();
  const since = (): number => Math.round(performance.now() - started);
  const resolved = known ?? (await reference.source.resolve(reference.locator));
  const selector = { ...resolved.selector, platform: reference.platform ?? settings.platform };
  const timings: PhaseTimings = { resolved: since(), firstByte: 0, layersRead: 0, rulesDone: 0 };
  const redactor = new Redactor();
  const runner = new RuleRunner(allRules, settings.policy, settings.budgets, redactor, scanPool);
  const progress = settings.progress;
  const dispatchFor = (layerKey: string) => {
    progress?.layer(reference.raw);
    return runner.dispatcherFor(layerKey);
  };
  const observe = progress ? (count: number) => progress.bytes(reference.raw, count) : undefined;
  const reuser = settings.cache && runner.cacheable ? new LayerReuser(settings.cache, runner) : undefined;
  let archive = reuser && resolved.known ? await reuser.wholeImage(resolved.known) : undefined;
  if (archive) {
    timings.firstByte = since();
  } else if (resolved.readLayout) {
    timings.firstByte = since();
    archive = await resolved.readLayout(dispatchFor, selector, observe, reuser?.reuse);
  } else {
    const cached = reuser ? { cached: reuser.exportLookup(resolved.known?.diffIds ?? (await resolved.diffIdsAhead?.())) } : {};
    const stream = await resolved.openArchive!();
    stream.once('data', () => (timings.firstByte = since()));
    if (observe) stream.on('data', (chunk: Buffer) => observe(chunk.length));
    archive = await readSaveArchive(stream, dispatchFor, cached);
  }
  timings.layersRead = since();
  const ordered = await assembleArchiveImage(archive, reference.raw, selector);
  return completeCheck({ reference, settings, repoDigests: resolved.repoDigests, archive, ordered, runner, redactor, reuser, timings, since });
}

/** An image whose bytes have all been read and put in order: what is left of its check. */
export interface ReadImage {
  reference: CheckTarget;
  settings: CheckSettings;
  repoDigests: string[];
  archive: SavedArchive;
  ordered: ArchiveImage;
  /** Has seen every layer of the image (read, or replayed from a cache or a shared export). */
  runner: RuleRunner;
  redactor: Redactor;
  /** Set when a layer cache is in use: layers read are recorded into it once the check succeeds. */
  reuser?: LayerReuser | undefined;
  timings: PhaseTimings;
  since: () => number;
}

/** Image model, final filesystem, size analysis, rules, waivers, masking: the report of one read image. */
export async function completeCheck(read: ReadImage): Promise<ImageReport> {
  const { reference, settings, archive, ordered, runner, redactor, reuser, timings, since } = read;
  const layers = attachHistory(
    ordered.layers.map((layer, index) => {
      const compressed = ordered.selected.layerSizes[index];
      return { index, diffId: layer.diffId, sizeBytes: layer.fileBytes, ...(compressed !== undefined ? { compressedSizeBytes: compressed } : {}) };
    }),
    ordered.config.history ?? [],
  );
  const image: ImageModel = {
    reference: reference.raw,
    normalizedReference: reference.normalized,
    imageId: ordered.imageId,
    digest: manifestDigest(read.repoDigests) ?? ordered.imageId,
    repoDigests: read.repoDigests,
    platform: platformOf(ordered.config),
    config: ordered.config,
    layers,
    sizeBytes: layers.reduce((sum, layer) => sum + layer.sizeBytes, 0),
  };
  // Only OCI manifests state blob sizes; a docker save archive or an engine export does not.
  if (layers.length > 0 && layers.every((layer) => layer.compressedSizeBytes !== undefined)) {
    image.compressedSizeBytes = layers.reduce((sum, layer) => sum + layer.compressedSizeBytes!, 0);
  }
  const fs = FinalFilesystem.fromLayers(ordered.layers);
  image.size = analyzeSize(ordered.layers, layers, fs);
  const baseline = settings.baselineFor?.(image);
  if (baseline) image.baseline = baseline;
  const raw = await runner.finish(image, fs, ordered.layerPaths);
  timings.rulesDone = since();
  await reuser?.store(ordered, archive);
  settings.onTiming?.(reference.raw, timings);
  const findings = postProcess(raw, settings.policy.waivers, reference.candidates, settings.today);
  // Every history line is scanned even if no rule reported it, so a disabled rule never unmasks a secret.
  for (const entry of image.config.history ?? []) redactor.redactHistory(entry.created_by ?? '');

  return redactor.deep<ImageReport>({
    reference: reference.raw,
    normalizedReference: reference.normalized,
    digest: image.digest,
    imageId: image.imageId,
    platform: image.platform,
    sizeBytes: image.sizeBytes,
    ...(image.compressedSizeBytes !== undefined ? { compressedSizeBytes: image.compressedSizeBytes } : {}),
    size: image.size,
    layers: layers.map(({ index, diffId, sizeBytes, compressedSizeBytes, createdBy }) => ({
      index,
      diffId,
      sizeBytes,
      ...(compressedSizeBytes !== undefined ? { compressedSizeBytes } : {}),
      ...(createdBy !== undefined ? { createdBy } : {}),
    })),
    ...runner.facts(),
    passed: imagePasses({ findings }, settings.failOn),
    findings,
  });
}

function manifestDigest(repoDigests: string[]): string | undefined {
  const first = repoDigests[0];
  return first ? first.slice(first.indexOf('@') + 1) : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
