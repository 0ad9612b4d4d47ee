// size-budget: the image's uncompressed size, layer count and largest layer against budgets.json.
import { z } from 'zod';
import { findBudget } from '../config/budgets.js';
import { formatSize } from '../config/size.js';
import { describeStep } from '../image/image-model.js';
import { defineRule } from './define-rule.js';

const severityOrOff = z.enum(['error', 'warning', 'info', 'off']);

export default defineRule({
  id: 'size-budget',
  meta: {
    category: 'size',
    defaultSeverity: 'error',
    description: 'Image size, layer count and layer size stay within the budget for the image in budgets.json.',
    messages: {
      OVER_BUDGET: 'image is {{actual}}, budget is {{budget}} ({{excess}} over, budget "{{glob}}" in {{file}}); move build tools to a builder stage and clean package caches in the same RUN',
      TOO_MANY_LAYERS: 'image has {{actual}} layers, budget allows {{budget}}; combine RUN steps or use a multi-stage build',
      LAYER_OVER_BUDGET: 'layer {{layer}} is {{actual}}, max layer size is {{budget}} ({{excess}} over); step: {{step}}',
      COMPRESSED_OVER_BUDGET: 'image layers are {{actual}} compressed, budget is {{budget}} ({{excess}} over, budget "{{glob}}" in {{file}}); this is what every pull downloads',
      COMPRESSED_SIZE_UNKNOWN: 'maxCompressedSize of budget "{{glob}}" was not checked: this source does not state blob sizes (check the pushed image with docker://… or an OCI layout)',
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
            data: { actual: formatSize(image.sizeBytes), budget: formatSize(budget.maxSize), excess: formatSize(image.sizeBytes - budget.maxSize), glob: budget.image, file },
          });
        }
        if (budget.maxCompressedSize !== undefined) {
          const compressed = image.compressedSizeBytes;
          if (compressed === undefined) context.report({ messageId: 'COMPRESSED_SIZE_UNKNOWN', data: { glob: budget.image }, severity: 'info' });
          else if (compressed > budget.maxCompressedSize) {
            context.report({
              messageId: 'COMPRESSED_OVER_BUDGET',
              data: { actual: formatSize(compressed), budget: formatSize(budget.maxCompressedSize), excess: formatSize(compressed - budget.maxCompressedSize), glob: budget.image, file },
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
            data: { layer: layer.index, actual: formatSize(layer.sizeBytes), budget: formatSize(budget.maxLayerSize), excess: formatSize(layer.sizeBytes - budget.maxLayerSize), step: describeStep(layer.createdBy) },
            location: { layer: layer.index },
          });
        }
      },
    };
  },
});
