// The one pipeline every image goes through: resolve → read (the archive walk hands files to the
// rules) → put in order → complete (image model, rules, waivers, masking) → report.
// A reading holds one image, or several images of one source read together when the source can
// (an engine's `docker save a b c`): a layer they share then streams, hashes and is scanned once,
// and each image's own rules replay what was learned from its layers. This is what makes an audit
// of many images built on one base cost little more than checking one.
import { errorCode } from './error-codes.js';
import type { Budgets } from '../config/budgets.js';
import type { Policy } from '../config/policy.js';
import { assembleArchiveImage, type ArchiveImage } from '../image/archive-image.js';
import { platformOf } from '../image/image-config.js';
import { attachHistory, type ImageModel, type SizeBaseline } from '../image/image-model.js';
import { FinalFilesystem } from '../layers/final-filesystem.js';
import { analyzeSize } from '../image/size-analysis.js';
import type { SavedArchive } from '../layers/save-archive.js';
import type { RuleDefinition } from '../rules/define-rule.js';
import type { ScanPool } from '../secrets/index.js';
import type { CheckTarget } from '../sources/targets.js';
import type { ReadContext, SourceImage } from '../sources/source.js';
import type { Platform } from '../image/platform.js';
import { imagePasses } from '../exit-code.js';
import type { FailOn } from '../core/finding.js';
import { postProcess } from './post-process.js';
import type { ImageReport } from './report.js';
import { Redactor } from './redactor.js';
import { RuleRunner } from './rule-runner.js';
import { LayerReuser } from './layer-reuse.js';
import type { LayerCache } from '../cache/layer-cache.js';
import type { BaseImageLayers } from '../image/image-layer.js';

export interface CheckSettings {
  /** The rules to run, in catalog order; the policy may still switch some of them off. */
  rules: readonly RuleDefinition<unknown, string>[];
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
  /** The image the checked ones were built on (--base-image): findings in the layers it supplied say so. */
  baseImage?: BaseImageLayers;
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

/** Milliseconds since the check of the image (or of its shared reading) started, at the end of each phase. */
export interface PhaseTimings {
  /** The source found the image (engine: inspect). */
  resolved: number;
  /** The first bytes of the image arrived (engine: the export has been prepared). */
  firstByte: number;
  /** Every layer has been read, hashed and walked. */
  layersRead: number;
  /** Rules finished (scan threads included). */
  rulesDone: number;
}

interface Resolved {
  target: CheckTarget;
  image: SourceImage;
}

/** Never throws: an image that cannot be checked comes back with `error` set, which fails the run with exit 2. */
export async function checkImage(target: CheckTarget, settings: CheckSettings, scanPool: ScanPool): Promise<ImageReport> {
  const [report] = await checkBatch([target], settings, scanPool);
  return report!;
}

/**
 * A batch: images of one source, reports in the same order. Several are read together when the source can
 * and the rules can replay a layer; an image a layer cache holds whole is read alone (from the cache).
 * Never throws: each report carries its own error (a failed shared reading fails every image in it).
 */
export async function checkBatch(targets: readonly CheckTarget[], settings: CheckSettings, scanPool: ScanPool): Promise<ImageReport[]> {
  const started = performance.now();
  const since = (): number => Math.round(performance.now() - started);
  const reports = new Map<CheckTarget, ImageReport>();
  for (const target of targets) settings.progress?.start(target.raw);
  try {
    const resolved: Resolved[] = [];
    for (const target of targets) {
      try {
        resolved.push({ target, image: await target.source.resolve(target.locator) });
      } catch (error) {
        reports.set(target, uncheckedReport(target, settings, error));
      }
    }
    for (const reading of await readings(resolved, settings)) {
      for (const [target, report] of await checkReading(reading, settings, scanPool, since)) reports.set(target, report);
    }
  } finally {
    for (const target of targets) settings.progress?.done(target.raw);
  }
  return targets.map((target) => reports.get(target)!);
}

/** How the resolved images are read: together where the source can, alone where a cache holds the image whole. */
async function readings(resolved: Resolved[], settings: CheckSettings): Promise<Resolved[][]> {
  if (resolved.length < 2 || !resolved[0]!.target.source.readTogether) return resolved.map((entry) => [entry]);
  const alone: Resolved[][] = [];
  const together: Resolved[] = [];
  for (const entry of resolved) {
    if (await fullyCached(entry.image, settings)) alone.push([entry]);
    else together.push(entry);
  }
  return together.length > 0 ? [...alone, together] : alone;
}

async function fullyCached(image: SourceImage, settings: CheckSettings): Promise<boolean> {
  if (!settings.cache || !image.known) return false;
  return (await settings.cache.hasLayers(image.known.diffIds)) && (await settings.cache.getConfig(image.known.imageId)) !== undefined;
}

/** Read once, walk once, then complete each image of the reading. */
async function checkReading(
  reading: readonly Resolved[],
  settings: CheckSettings,
  scanPool: ScanPool,
  since: () => number,
): Promise<[CheckTarget, ImageReport][]> {
  const shared = reading.length > 1;
  const timings: PhaseTimings = { resolved: since(), firstByte: 0, layersRead: 0, rulesDone: 0 };
  // One runner sees every layer as it is read; alone, it is the image's own, and shared, its
  // per-layer memos are what each image's own runner replays.
  const redactor = new Redactor();
  const walker = new RuleRunner(settings.rules, settings.policy, settings.budgets, redactor, scanPool);
  if (shared && !walker.cacheable) {
    const alone: [CheckTarget, ImageReport][] = [];
    for (const entry of reading) alone.push(...(await checkReading([entry], settings, scanPool, since)));
    return alone;
  }
  const reuser = !shared && settings.cache && walker.cacheable ? new LayerReuser(settings.cache, walker) : undefined;
  const reports: [CheckTarget, ImageReport][] = [];
  try {
    const archive = await read(reading, settings, walker, reuser, timings, since);
    timings.layersRead = since();
    if (timings.firstByte === 0) timings.firstByte = timings.layersRead; // every layer reused: no byte was read
    for (const { target, image } of reading) {
      try {
        const selector = selectorOf(target, image, settings);
        const ordered = await assembleArchiveImage(archive, target.raw, selector);
        const own = shared ? await replayed(walker, ordered, settings, scanPool) : { runner: walker, redactor, reuser };
        reports.push([
          target,
          await completeCheck({
            target,
            settings,
            repoDigests: image.repoDigests,
            archive,
            ordered,
            ...own,
            ...(image.known ? { engineImage: { imageId: image.known.imageId, platform: selector.platform } } : {}),
            timings: { ...timings },
            since,
          }),
        ]);
      } catch (error) {
        reports.push([target, uncheckedReport(target, settings, error)]);
      }
    }
  } catch (error) {
    for (const { target } of reading)
      if (!reports.some(([done]) => done === target)) reports.push([target, uncheckedReport(target, settings, error)]);
  }
  return reports;
}

/** The archive of the reading: from the layer cache when it holds the image whole, else from the source. */
async function read(
  reading: readonly Resolved[],
  settings: CheckSettings,
  walker: RuleRunner,
  reuser: LayerReuser | undefined,
  timings: PhaseTimings,
  since: () => number,
): Promise<SavedArchive> {
  const lead = reading[0]!;
  const progress = settings.progress;
  const cached = reuser && lead.image.known ? await reuser.wholeImage(lead.image.known, selectorOf(lead.target, lead.image, settings)) : undefined;
  if (cached) {
    timings.firstByte = since();
    return cached;
  }
  const context: Omit<ReadContext, 'selector'> = {
    dispatchFor: (layerPath) => {
      progress?.layer(lead.target.raw);
      return walker.dispatcherFor(layerPath);
    },
    observe: (count) => {
      if (timings.firstByte === 0) timings.firstByte = since();
      progress?.bytes(lead.target.raw, count);
    },
  };
  if (reuser) {
    const diffIds = lead.image.known?.diffIds ?? (await lead.image.diffIdsAhead?.());
    const someCached = await reuser.holdsAny(diffIds);
    if (someCached) reuser.prefetch(diffIds!); // a reuser is only made for an image read alone
    Object.assign(context, { reuse: reuser.reuse, cached: reuser.exportLookup(diffIds), someCached });
  }
  if (reading.length === 1) return lead.image.read({ ...context, selector: selectorOf(lead.target, lead.image, settings) });
  const what = `${reading.length} images (${reading.map(({ target }) => target.raw).join(', ')})`;
  return lead.target.source.readTogether!(
    reading.map(({ image }) => image),
    context,
    what,
  );
}

function selectorOf(target: CheckTarget, image: SourceImage, settings: CheckSettings) {
  return { ...image.selector, platform: target.platform ?? settings.platform };
}

/** An image of a shared reading gets its own runner, fed the memos of its layers as if it had read them. */
async function replayed(
  walker: RuleRunner,
  ordered: ArchiveImage,
  settings: CheckSettings,
  scanPool: ScanPool,
): Promise<{ runner: RuleRunner; redactor: Redactor; reuser: LayerReuser | undefined }> {
  await walker.settle();
  const redactor = new Redactor();
  const runner = new RuleRunner(settings.rules, settings.policy, settings.budgets, redactor, scanPool);
  for (const path of ordered.layerPaths) {
    if (!runner.restoreLayer(path, walker.layerMemos(path))) throw new Error(`layer ${path} of the shared export could not be replayed`);
  }
  return { runner, redactor, reuser: settings.cache ? new LayerReuser(settings.cache, runner) : undefined };
}

/** The report of an image that could not be checked (exit 2), with the reason. */
function uncheckedReport(target: CheckTarget, settings: CheckSettings, error: unknown): ImageReport {
  settings.onError?.(target.raw, error);
  return {
    reference: target.raw,
    normalizedReference: target.normalized,
    passed: false,
    findings: [],
    error: { message: messageOf(error), code: errorCode(error) },
  };
}

/** An image whose bytes have all been read and put in order: what is left of its check. */
interface ReadImage {
  target: CheckTarget;
  settings: CheckSettings;
  repoDigests: string[];
  archive: SavedArchive;
  ordered: ArchiveImage;
  /** Has seen every layer of the image (read, or replayed from a cache or a shared reading). */
  runner: RuleRunner;
  redactor: Redactor;
  /** Set when a layer cache is in use: layers read are recorded into it once the check succeeds. */
  reuser?: LayerReuser | undefined;
  /** The engine's ID of the image and the platform selection (what the cache keeps its documents under). */
  engineImage?: { imageId: string; platform: Platform | undefined };
  timings: PhaseTimings;
  since: () => number;
}

/** Image model, final filesystem, size analysis, rules, waivers, masking: the report of one read image. */
async function completeCheck(read: ReadImage): Promise<ImageReport> {
  const { target, settings, archive, ordered, runner, redactor, reuser, timings, since } = read;
  const layers = attachHistory(
    ordered.layers.map((layer, index) => {
      const compressed = ordered.selected.layerSizes[index];
      return { index, diffId: layer.diffId, sizeBytes: layer.fileBytes, ...(compressed !== undefined ? { compressedSizeBytes: compressed } : {}) };
    }),
    ordered.config.history ?? [],
  );
  const image: ImageModel = {
    reference: target.raw,
    normalizedReference: target.normalized,
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
  if (settings.baseImage) image.baseImage = settings.baseImage;
  const baseline = settings.baselineFor?.(image);
  if (baseline) image.baseline = baseline;
  const raw = await runner.finish(image, fs, ordered.layerPaths);
  timings.rulesDone = since();
  await reuser?.store(ordered, archive, read.engineImage);
  settings.onTiming?.(target.raw, timings);
  const findings = postProcess(raw, settings.policy.waivers, target.candidates, settings.today);
  // Every history line is scanned even if no rule reported it, so a disabled rule never unmasks a secret.
  for (const entry of image.config.history ?? []) redactor.redactHistory(entry.created_by ?? '');

  return redactor.deep<ImageReport>({
    reference: target.raw,
    normalizedReference: target.normalized,
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
