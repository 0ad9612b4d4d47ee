// layer-waste: bytes a layer ships that the final filesystem does not show — every pull downloads
// them, nobody can use them. Budgets set maxWasted and/or minEfficiency.
import { findBudget } from '../config/budgets.js';
import { formatSize } from '../config/size.js';
import { describeStep, type ImageModel } from '../image/image-model.js';
import type { WastedFile } from '../image/size-analysis.js';
import { defineRule } from './define-rule.js';

const SHOWN = 3;

export default defineRule({
  id: 'layer-waste',
  meta: {
    category: 'size',
    defaultSeverity: 'error',
    description: "Files a layer ships but a later layer deletes or overwrites stay within maxWasted / minEfficiency of the image's budget.",
    messages: {
      WASTE_OVER_BUDGET:
        '{{wasted}} of files are shipped by one layer and deleted or overwritten by a later one (budget {{budget}}, efficiency {{efficiency}}); biggest: {{offenders}} — remove files in the same RUN that creates them, or COPY only what you need from a builder stage',
      LOW_EFFICIENCY:
        'image efficiency is {{efficiency}}, minimum is {{minimum}} ({{wasted}} wasted); biggest: {{offenders}} — remove files in the same RUN that creates them',
    },
  },
  defaultOptions: {},
  needs: {},
  create(context) {
    return {
      image(image) {
        const size = image.size;
        const budget = findBudget(context.budgets, [image.reference, image.normalizedReference]);
        if (!size || !budget || (budget.maxWasted === undefined && budget.minEfficiency === undefined)) return;
        const data = { wasted: formatSize(size.wastedBytes), efficiency: percent(size.efficiency), offenders: offenders(image, size.wasted) };
        const location = size.wasted[0] ? { path: size.wasted[0].path, layer: size.wasted[0].layer } : {};
        if (budget.maxWasted !== undefined && size.wastedBytes > budget.maxWasted) {
          context.report({ messageId: 'WASTE_OVER_BUDGET', data: { ...data, budget: formatSize(budget.maxWasted) }, location });
        }
        if (budget.minEfficiency !== undefined && size.efficiency < budget.minEfficiency) {
          context.report({ messageId: 'LOW_EFFICIENCY', data: { ...data, minimum: percent(budget.minEfficiency) }, location });
        }
      },
    };
  },
});

function offenders(image: ImageModel, wasted: WastedFile[]): string {
  const step = (layer: number | undefined): string => (layer === undefined ? '' : ` "${describeStep(image.layers[layer]?.createdBy).slice(0, 60)}"`);
  const shown = wasted.slice(0, SHOWN).map((file) => {
    const fate = file.removedIn !== undefined ? `, ${file.how} in layer ${file.removedIn}${step(file.removedIn)}` : '';
    return `${file.path} (${formatSize(file.sizeBytes)}, added in layer ${file.layer}${step(file.layer)}${fate})`;
  });
  return shown.join('; ') || 'none';
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
