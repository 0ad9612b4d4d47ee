// Runs the real engine on an in-memory archive, so rule tests exercise the same path as the CLI.
import type { LayerCache } from '../../../src/cache/layer-cache.js';
import { parseBudgets } from '../../../src/config/budgets.js';
import { parsePolicy } from '../../../src/config/policy.js';
import { checkImage } from '../../../src/engine/check-image.js';
import { ruleConfigInfo } from '../../../src/engine/load-settings.js';
import type { ImageReport } from '../../../src/engine/report.js';
import { parseDaemonReference, referenceCandidates } from '../../../src/reference/image-reference.js';
import { hostPlatform } from '../../../src/image/platform.js';
import { createScanPool } from '../../../src/secrets/index.js';
import { rules as registered } from '../../../src/rules/index.js';
import { rules as catalog } from '../../../src/rules/index.js';
import { readStream, type ImageSource } from '../../../src/sources/source.js';
import { chunked, type BuiltImage } from './image-builder.js';

/** `onOpen`: the source also states the image's ids (as the engine does), so a layer cache can stand in for the archive. */
export function memorySource(built: BuiltImage, onOpen?: () => void): ImageSource {
  const known = onOpen ? { known: { imageId: built.imageId, diffIds: built.diffIds } } : {};
  return {
    description: 'in-memory test archive',
    resolve: async () => ({
      selector: { imageId: built.imageId },
      repoDigests: [],
      ...known,
      read: readStream(async () => {
        onOpen?.();
        return chunked(built.archive, 8192);
      }),
    }),
  };
}

/** Only the named rules run (others are switched off) unless `policy` says otherwise. */
export async function checkMemoryImage(
  built: BuiltImage,
  options: { only?: string[]; policy?: object; budgets?: object; reference?: string; today?: string; cache?: LayerCache; onOpen?: () => void } = {},
): Promise<ImageReport> {
  const rules = ruleConfigInfo();
  const policyDocument = options.policy ?? {
    rules: Object.fromEntries(rules.filter((rule) => options.only && !options.only.includes(rule.id)).map((rule) => [rule.id, 'off'])),
  };
  const reference = parseDaemonReference(options.reference ?? 'example.com/team/app:1');
  const target = {
    raw: reference.raw,
    normalized: reference.normalized,
    candidates: referenceCandidates(reference),
    source: memorySource(built, options.onOpen),
    locator: reference.raw,
  };
  return checkImage(
    target,
    {
      rules: catalog,
      policy: parsePolicy(policyDocument, '<test>', rules),
      budgets: parseBudgets(options.budgets ?? { budgets: [] }, '<test budgets>'),
      failOn: 'error',
      platform: hostPlatform(),
      today: options.today ?? '2026-11-25',
      ...(options.cache ? { cache: options.cache } : {}),
    },
    createScanPool(0),
  ); // the worker pool runs compiled code; test/e2e/check-cli.test.ts compares it with this inline scan
}

/** A policy's `rules` with every registered rule switched off but the named ones (which keep their defaults). */
export function allRulesOffBut(...ids: string[]): Record<string, 'off'> {
  return Object.fromEntries(registered.filter((rule) => !ids.includes(rule.id)).map((rule) => [rule.id, 'off' as const]));
}
