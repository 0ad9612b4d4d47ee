// Checks one image end to end: source → archive walk (rules see files) → ordered image → rules → findings.
import type { Budgets } from '../config/budgets.js';
import type { Policy } from '../config/policy.js';
import type { DaemonImageReference } from '../reference/image-reference.js';
import { assembleArchiveImage } from '../image/archive-image.js';
import { platformOf } from '../image/image-config.js';
import { attachHistory, type ImageModel } from '../image/image-model.js';
import { FinalFilesystem } from '../layers/final-filesystem.js';
import { readSaveArchive } from '../layers/save-archive.js';
import { rules as allRules } from '../rules/index.js';
import type { ImageSource } from '../sources/source.js';
import { imagePasses } from '../exit-code.js';
import type { Severity } from './finding.js';
import { postProcess } from './post-process.js';
import type { ImageReport } from './report.js';
import { Redactor } from './redactor.js';
import { RuleRunner } from './rule-runner.js';

export interface CheckSettings {
  policy: Policy;
  budgets: Budgets;
  failOn: Severity;
  source: ImageSource;
  /** YYYY-MM-DD; waivers expiring before it no longer apply. */
  today: string;
  /** Sees the original error of an image that could not be checked (the CLI prints its stack with --debug). */
  onError?: (reference: string, error: unknown) => void;
}

/** Never throws: an image that cannot be checked comes back with `error` set, which fails the run with exit 2. */
export async function checkImage(reference: DaemonImageReference, settings: CheckSettings): Promise<ImageReport> {
  try {
    return await inspectAndScan(reference, settings);
  } catch (error) {
    settings.onError?.(reference.raw, error);
    return { reference: reference.raw, normalizedReference: reference.normalized, passed: false, findings: [], error: { message: messageOf(error) } };
  }
}

async function inspectAndScan(reference: DaemonImageReference, settings: CheckSettings): Promise<ImageReport> {
  const resolved = await settings.source.resolve(reference.raw);
  const redactor = new Redactor();
  const runner = new RuleRunner(allRules, settings.policy, settings.budgets, redactor);
  const archive = await readSaveArchive(await resolved.openArchive(), (layerKey) => runner.dispatcherFor(layerKey));
  const ordered = assembleArchiveImage(archive, reference.raw, resolved.imageId);

  const layers = attachHistory(
    ordered.layers.map((layer, index) => ({ index, diffId: layer.diffId, sizeBytes: layer.fileBytes })),
    ordered.config.history ?? [],
  );
  const image: ImageModel = {
    reference: reference.raw,
    normalizedReference: reference.normalized,
    imageId: ordered.imageId,
    digest: manifestDigest(resolved.repoDigests) ?? ordered.imageId,
    repoDigests: resolved.repoDigests,
    platform: platformOf(ordered.config),
    config: ordered.config,
    layers,
    sizeBytes: layers.reduce((sum, layer) => sum + layer.sizeBytes, 0),
  };
  const fs = FinalFilesystem.fromLayers(ordered.layers);
  const raw = runner.finish(image, fs, ordered.layerPaths);
  const findings = postProcess(raw, settings.policy.waivers, [reference.raw, reference.normalized], settings.today);
  // Every history line is scanned even if no rule reported it, so a disabled rule never unmasks a secret.
  for (const entry of image.config.history ?? []) redactor.redactHistory(entry.created_by ?? '');

  return redactor.deep<ImageReport>({
    reference: reference.raw,
    normalizedReference: reference.normalized,
    digest: image.digest,
    imageId: image.imageId,
    platform: image.platform,
    sizeBytes: image.sizeBytes,
    layers: layers.map(({ index, diffId, sizeBytes, createdBy }) => ({ index, diffId, sizeBytes, ...(createdBy !== undefined ? { createdBy } : {}) })),
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
