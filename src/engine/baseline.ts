// Growth budgets need a "before": a previous JSON report (--baseline, matched by repository) or
// another image measured in the same run (--compare-to, any transport).
import { ConfigError } from '../core/errors.js';
import { readJsonFile } from '../config/json-file.js';
import type { ImageModel, SizeBaseline } from '../image/image-model.js';
import type { ImageReport, Report } from './report.js';

/** "docker.io/team/app:1.4.2" and "docker.io/team/app@sha256:…" → "docker.io/team/app". */
export function repositoryOf(name: string): string {
  const at = name.indexOf('@');
  const base = at >= 0 ? name.slice(0, at) : name;
  const slash = base.lastIndexOf('/');
  const colon = base.lastIndexOf(':');
  return colon > slash ? base.slice(0, colon) : base;
}

export function baselineFromImage(image: ImageReport): SizeBaseline | undefined {
  const totalBytes = image.size?.totalBytes ?? image.sizeBytes;
  if (image.error || totalBytes === undefined) return undefined;
  const layers = (image.size?.layers ?? image.layers ?? []).map(({ sizeBytes, createdBy }) => ({
    sizeBytes,
    ...(createdBy !== undefined ? { createdBy } : {}),
  }));
  return { reference: image.reference, totalBytes, layers };
}

/** --baseline report.json: each image is compared with the image of the same repository in that report. */
export async function baselineFromReport(path: string): Promise<(image: ImageModel) => SizeBaseline | undefined> {
  const report = (await readJsonFile(path)) as Partial<Report>;
  if (!Array.isArray(report.images))
    throw new ConfigError([{ file: path, path: 'images', message: 'expected an imagegate JSON report (imagegate check --format json)' }]);
  const byRepository = new Map<string, SizeBaseline>();
  for (const image of report.images) {
    const baseline = baselineFromImage(image);
    if (baseline)
      byRepository.set(repositoryOf(image.normalizedReference ?? image.reference), { ...baseline, reference: `${image.reference} in ${path}` });
  }
  return (image) => byRepository.get(repositoryOf(image.normalizedReference));
}
