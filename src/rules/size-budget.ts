// size-budget: the image's uncompressed size, layer count and largest layer against budgets.json.
import { z } from 'zod';
import { findBudget } from '../config/budgets.js';
import { formatSize } from '../config/size.js';
import { describeStep, type ImageModel } from '../image/image-model.js';
import { defineRule } from './define-rule.js';

const severityOrOff = z.enum(['error', 'warning', 'info', 'off']);

export default defineRule({
  id: 'size-budget',
  meta: {
    category: 'size',
    defaultSeverity: 'error',
    description: 'Image size, layer count and layer size stay within the budget for the image in budgets.json.',
    messages: {
      OVER_BUDGET:
        'image is {{actual}}, budget is {{budget}} ({{excess}} over, budget "{{glob}}" in {{file}}); move build tools to a builder stage and clean package caches in the same RUN',
      TOO_MANY_LAYERS: 'image has {{actual}} layers, budget allows {{budget}}; combine RUN steps or use a multi-stage build',
      LAYER_OVER_BUDGET: 'layer {{layer}} is {{actual}}, max layer size is {{budget}} ({{excess}} over); step: {{step}}',
      COMPRESSED_OVER_BUDGET:
        'image layers are {{actual}} compressed, budget is {{budget}} ({{excess}} over, budget "{{glob}}" in {{file}}); this is what every pull downloads',
      COMPRESSED_SIZE_UNKNOWN:
        'maxCompressedSize of budget "{{glob}}" was not checked: this source does not state blob sizes (check the pushed image with docker://… or an OCI layout)',
      GROWTH_OVER_BUDGET:
        'image grew by {{growth}} ({{percent}}) from {{baseline}} ({{before}} → {{after}}), budget allows {{budget}}; layers that grew: {{layers}}',
      NO_BUDGET: 'no budget in {{file}} matches {{reference}}; add an entry so size creep is caught',
    },
  },
  defaultOptions: { missingBudget: 'warning' as const },
  optionsSchema: z.strictObject({ missingBudget: severityOrOff.default('warning') }),
  needs: {},
  create(context) {
    return {
      image(image) {
        const budget = findBudget(context.budgets, [image.reference, image.normalizedReference]);
        const file = context.budgets.source;
        if (!budget) {
          const severity = context.options.missingBudget;
          if (severity !== 'off') context.report({ messageId: 'NO_BUDGET', data: { file, reference: image.reference }, severity });
          return;
        }
        if (budget.maxSize !== undefined && image.sizeBytes > budget.maxSize) {
          context.report({
            messageId: 'OVER_BUDGET',
            data: {
              actual: formatSize(image.sizeBytes),
              budget: formatSize(budget.maxSize),
              excess: formatSize(image.sizeBytes - budget.maxSize),
              glob: budget.image,
              file,
            },
          });
        }
        if (budget.maxCompressedSize !== undefined) {
          const compressed = image.compressedSizeBytes;
          if (compressed === undefined) context.report({ messageId: 'COMPRESSED_SIZE_UNKNOWN', data: { glob: budget.image }, severity: 'info' });
          else if (compressed > budget.maxCompressedSize) {
            context.report({
              messageId: 'COMPRESSED_OVER_BUDGET',
              data: {
                actual: formatSize(compressed),
                budget: formatSize(budget.maxCompressedSize),
                excess: formatSize(compressed - budget.maxCompressedSize),
                glob: budget.image,
                file,
              },
            });
          }
        }
        if (budget.maxGrowth !== undefined && image.baseline) {
          const before = image.baseline.totalBytes;
          const growth = image.sizeBytes - before;
          const allowed = 'fraction' in budget.maxGrowth ? before * budget.maxGrowth.fraction : budget.maxGrowth.bytes;
          if (growth > allowed) {
            context.report({
              messageId: 'GROWTH_OVER_BUDGET',
              data: {
                growth: formatSize(growth),
                percent: before > 0 ? `${((growth / before) * 100).toFixed(1)}%` : 'new',
                baseline: image.baseline.reference,
                before: formatSize(before),
                after: formatSize(image.sizeBytes),
                budget: 'fraction' in budget.maxGrowth ? `${(budget.maxGrowth.fraction * 100).toFixed(0)}%` : formatSize(budget.maxGrowth.bytes),
                layers: grownLayers(image),
              },
            });
          }
        }
        if (budget.maxLayers !== undefined && image.layers.length > budget.maxLayers) {
          context.report({ messageId: 'TOO_MANY_LAYERS', data: { actual: image.layers.length, budget: budget.maxLayers } });
        }
        if (budget.maxLayerSize === undefined) return;
        for (const layer of image.layers) {
          if (layer.sizeBytes <= budget.maxLayerSize) continue;
          context.report({
            messageId: 'LAYER_OVER_BUDGET',
            data: {
              layer: layer.index,
              actual: formatSize(layer.sizeBytes),
              budget: formatSize(budget.maxLayerSize),
              excess: formatSize(layer.sizeBytes - budget.maxLayerSize),
              step: describeStep(layer.createdBy),
            },
            location: { layer: layer.index },
          });
        }
      },
    };
  },
});

/** Layers matched by position and step; those bigger than in the baseline (or new), biggest growth first. */
function grownLayers(image: ImageModel): string {
  const before = image.baseline?.layers ?? [];
  const grown = image.layers
    .map((layer, i) => {
      const old = before[i];
      const same = old && old.createdBy === layer.createdBy;
      return { layer, delta: layer.sizeBytes - (same ? old.sizeBytes : 0), isNew: !same };
    })
    .filter((item) => item.delta > 0)
    .sort((a, b) => b.delta - a.delta)
    .slice(0, 3);
  if (grown.length === 0) return 'none grew (the change is spread over layers)';
  return grown
    .map(
      ({ layer, delta, isNew }) =>
        `layer ${layer.index} "${describeStep(layer.createdBy).slice(0, 60)}" ${isNew ? 'new, ' : ''}+${formatSize(delta)}`,
    )
    .join('; ');
}
