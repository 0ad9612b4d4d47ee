// Checks several images of one Docker Engine from a single export, as `docker save a b c` makes
// it: a layer they share (a common base) streams, hashes and is scanned once; each image's own
// rules then replay what was learned from its layers. This is what makes an audit of many images
// built on one base cost little more than checking one.
import { assembleArchiveImage } from '../image/archive-image.js';
import { readSaveArchive } from '../layers/save-archive.js';
import { rules as allRules } from '../rules/index.js';
import type { ScanPool } from '../secrets/index.js';
import type { DockerEngineSource } from '../sources/docker-engine.js';
import type { SourceImage } from '../sources/source.js';
import type { CheckTarget } from '../sources/targets.js';
import { checkImage, completeCheck, uncheckedReport, type CheckSettings, type PhaseTimings } from './check-image.js';
import { LayerReuser } from './layer-reuse.js';
import { Redactor } from './redactor.js';
import type { ImageReport } from './report.js';
import { RuleRunner } from './rule-runner.js';

/** Images per shared export: bounds the layer indexes held at once (each image's files are indexed). */
export const BATCH_SIZE = 16;

interface Resolved {
  target: CheckTarget;
  image: SourceImage;
}

/** Never throws: each image's report carries its own error (a failed shared export fails every image in it). */
export async function checkEngineBatch(targets: CheckTarget[], settings: CheckSettings, scanPool: ScanPool, engine: DockerEngineSource): Promise<ImageReport[]> {
  const reports = new Map<CheckTarget, ImageReport>();
  const resolved: Resolved[] = [];
  for (const target of targets) {
    try {
      resolved.push({ target, image: await engine.resolve(target.locator) });
    } catch (error) {
      reports.set(target, uncheckedReport(target, settings, error));
    }
  }
  // Images a layer cache holds whole skip the export altogether, one by one.
  const toExport: Resolved[] = [];
  for (const entry of resolved) {
    if (await fullyCached(entry.image, settings)) reports.set(entry.target, await checkImage(entry.target, settings, scanPool, entry.image));
    else toExport.push(entry);
  }
  if (toExport.length === 1) reports.set(toExport[0]!.target, await checkImage(toExport[0]!.target, settings, scanPool, toExport[0]!.image));
  else if (toExport.length > 1) for (const [target, report] of await exportTogether(toExport, settings, scanPool, engine)) reports.set(target, report);
  return targets.map((target) => reports.get(target)!);
}

async function fullyCached(image: SourceImage, settings: CheckSettings): Promise<boolean> {
  if (!settings.cache || !image.known) return false;
  return (await settings.cache.hasLayers(image.known.diffIds)) && (await settings.cache.getConfig(image.known.imageId)) !== undefined;
}

async function exportTogether(batch: Resolved[], settings: CheckSettings, scanPool: ScanPool, engine: DockerEngineSource): Promise<Map<CheckTarget, ImageReport>> {
  const started = performance.now();
  const since = (): number => Math.round(performance.now() - started);
  const progress = settings.progress;
  const lead = batch[0]!.target.raw;
  const reports = new Map<CheckTarget, ImageReport>();
  // One runner reads every layer of the export once; its per-layer memos are what each image replays.
  const recorder = new RuleRunner(allRules, settings.policy, settings.budgets, new Redactor(), scanPool);
  if (!recorder.cacheable) {
    for (const { target, image } of batch) reports.set(target, await checkImage(target, settings, scanPool, image));
    return reports;
  }
  for (const { target } of batch) progress?.start(target.raw);
  try {
    const timings: PhaseTimings = { resolved: since(), firstByte: 0, layersRead: 0, rulesDone: 0 };
    const ids = [...new Set(batch.map(({ image }) => image.selector.imageId!))];
    const stream = await engine.exportMany(ids, `${batch.length} images (${batch.map(({ target }) => target.raw).join(', ')})`);
    stream.once('data', () => (timings.firstByte = since()));
    if (progress) stream.on('data', (chunk: Buffer) => progress.bytes(lead, chunk.length));
    const archive = await readSaveArchive(stream, (layerKey) => {
      progress?.layer(lead);
      return recorder.dispatcherFor(layerKey);
    });
    await recorder.settle();
    timings.layersRead = since();
    for (const { target, image } of batch) {
      try {
        const selector = { ...image.selector, platform: target.platform ?? settings.platform };
        const ordered = await assembleArchiveImage(archive, target.raw, selector);
        const redactor = new Redactor();
        const runner = new RuleRunner(allRules, settings.policy, settings.budgets, redactor, scanPool);
        for (const path of ordered.layerPaths) {
          if (!runner.restoreLayer(path, recorder.layerMemos(path))) throw new Error(`layer ${path} of the shared export could not be replayed`);
        }
        const reuser = settings.cache ? new LayerReuser(settings.cache, runner) : undefined;
        reports.set(target, await completeCheck({ reference: target, settings, repoDigests: image.repoDigests, archive, ordered, runner, redactor, reuser, timings: { ...timings }, since }));
      } catch (error) {
        reports.set(target, uncheckedReport(target, settings, error));
      }
    }
  } catch (error) {
    for (const { target } of batch) if (!reports.has(target)) reports.set(target, uncheckedReport(target, settings, error));
  } finally {
    for (const { target } of batch) progress?.done(target.raw);
  }
  return reports;
}
