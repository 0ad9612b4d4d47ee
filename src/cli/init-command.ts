// `imagegate init`: a starter policy and budgets.json; with --from, budgets sized from the images
// as they are today plus 10% headroom, and their metadata as structure assertions, so the gate
// starts green and catches growth and drift from there.
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { formatSize } from '../config/size.js';
import { loadSettings } from '../engine/load-settings.js';
import { runChecks } from '../engine/run-checks.js';
import { todayUtc } from '../engine/waivers.js';
import type { ImageConfig } from '../image/image-config.js';
import type { ImageModel } from '../image/image-model.js';
import { hostPlatform } from '../image/platform.js';
import { metadataAssertions } from './seed-assertions.js';
import { lazySources } from '../sources/lazy-sources.js';
import { targetFor } from '../sources/targets.js';
import { PACKAGE_ROOT } from '../version.js';
import { plural } from '../core/plural.js';

export interface InitOptions {
  from?: string[];
  dir: string;
  force?: boolean;
}

const HEADROOM = 1.1;

export async function runInitCommand(options: InitOptions): Promise<number> {
  const policyFile = join(options.dir, 'imagegate.policy.json');
  const budgetsFile = join(options.dir, 'budgets.json');
  if (!options.force) {
    for (const file of [policyFile, budgetsFile]) {
      if (await exists(file)) throw new UsageError(`${file} exists; pass --force to overwrite it`);
    }
  }
  const measured = options.from?.length ? await measureImages(options.from) : undefined;
  const budgets = measured?.budgets ?? [exampleBudget()];
  await mkdir(options.dir, { recursive: true });
  await writeFile(policyFile, `${JSON.stringify(withAssertions(await starterPolicy(), measured?.assertions ?? []), null, 2)}\n`);
  await writeFile(budgetsFile, `${JSON.stringify({ budgets }, null, 2)}\n`);
  process.stdout.write(
    `wrote ${policyFile} and ${budgetsFile} (${plural(budgets.length, 'budget')}${measured ? `, ${plural(measured.assertions.length, 'structure assertion')}` : ''})\n` +
      `next: imagegate check --policy ${policyFile} --budgets ${budgetsFile} <image>\n`,
  );
  return 0;
}

async function starterPolicy(): Promise<object> {
  const shipped = JSON.parse(await readFile(new URL('policies/default.json', PACKAGE_ROOT), 'utf8')) as Record<string, unknown>;
  return {
    $comment: [
      'imagegate policy: the shipped defaults, to adapt. imagegate rules lists the rules; imagegate explain RULE documents one.',
      'A rule entry is "off", a severity ("error" | "warning" | "info") or { "enabled", "severity", "options" }.',
      'A waiver silences one finding until a date: { "rule": "secret-file", "path": "/opt/vendor/test-key.pem", "reason": "vendor test fixture, not a credential", "expires": "YYYY-MM-DD" };',
      'it may also name "image" (glob), "envKey", "label" or the secret "fingerprint" printed in reports. An expired waiver fails again.',
    ],
    ...shipped,
  };
}

function exampleBudget(): object {
  return {
    image: '*',
    description: 'example: one budget for every image; narrow the glob (e.g. "registry.example.com/team/*") and add entries per image',
    maxSize: '500MB',
    maxLayers: 40,
  };
}

/** The shipped policy plus, with --from, one structure assertion per image (its metadata as it is today). */
function withAssertions(policy: object, assertions: object[]): object {
  if (assertions.length === 0) return policy;
  const shipped = policy as { rules?: Record<string, unknown> };
  return { ...policy, rules: { ...shipped.rules, structure: { severity: 'error', options: { assertions } } } };
}

/**
 * Per image: a budget of its repository with any tag (so the next build matches too), current size
 * + 10%, and a structure assertion holding its metadata.
 */
async function measureImages(references: string[]): Promise<{ budgets: object[]; assertions: object[] }> {
  const { policy, budgets } = await loadSettings({ budgets: undefined, policy: undefined });
  const off = Object.fromEntries(Object.entries(policy.rules).map(([id, setting]) => [id, { ...setting, enabled: false }]));
  const sources = lazySources();
  const targets = references.map((reference) => targetFor(reference, sources));
  // The image model reaches no report; the baseline hook sees it for every image checked, so it is taken there.
  const configs = new Map<string, ImageConfig>();
  const capture = (image: ImageModel): undefined => void configs.set(image.reference, image.config);
  const report = await runChecks(
    targets,
    { rules: [], policy: { ...policy, rules: off }, budgets, failOn: 'error', platform: hostPlatform(), today: todayUtc(), baselineFor: capture },
    2,
  );
  const assertions = report.images.map((image) => {
    const config = configs.get(image.reference);
    if (image.error || !config) throw new UsageError(`cannot read the metadata of ${image.reference}: ${image.error?.message ?? 'no config'}`);
    return {
      image: budgetGlob(image.normalizedReference ?? image.reference),
      description: `seeded by imagegate init from ${image.reference}`,
      metadata: metadataAssertions(config),
    };
  });
  const measured = report.images.map((image) => {
    if (image.error || image.sizeBytes === undefined) throw new UsageError(`cannot measure ${image.reference}: ${image.error?.message ?? 'no size'}`);
    const layers = image.layers?.length ?? 0;
    return {
      image: budgetGlob(image.normalizedReference ?? image.reference),
      description: `seeded by imagegate init from ${image.reference} (${formatSize(image.sizeBytes)}, ${plural(layers, 'layer')}) with 10% headroom`,
      maxSize: formatSize(Math.ceil(image.sizeBytes * HEADROOM)).replace(/\s+/g, ''),
      maxLayers: Math.max(layers + 1, Math.ceil(layers * HEADROOM)),
      ...(image.compressedSizeBytes !== undefined
        ? { maxCompressedSize: formatSize(Math.ceil(image.compressedSizeBytes * HEADROOM)).replace(/\s+/g, '') }
        : {}),
    };
  });
  return { budgets: measured, assertions };
}

/** "docker.io/team/app:1.4.2" → "docker.io/team/app:*"; digests and IDs stay exact. */
function budgetGlob(name: string): string {
  if (name.includes('@') || name.startsWith('sha256:') || /^[a-z-]+:\//.test(name)) return name;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? `${name.slice(0, colon)}:*` : name;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
