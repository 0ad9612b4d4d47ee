// One image's page section: what it is, its layer bar and layer table, the icicle of its final
// filesystem, the largest files, the wasted copies, and its findings.
import { formatSize } from '../../config/size.js';
import type { ImageReport, Report } from '../../engine/report.js';
import { describeStep } from '../../image/image-model.js';
import type { SizeAnalysis } from '../../image/size-analysis.js';
import { TREE_BOUNDS } from '../../image/directory-tree.js';
import { imageTitle } from '../finding-facts.js';
import { icicle, layerBar, swatch } from './charts.js';
import { html, type Raw } from './escape.js';
import { findingHead, findingRow, resultOf } from './summary.js';

export function imageSection(image: ImageReport, index: number, report: Report, options: { sizeOnly: boolean }): Raw {
  const result = resultOf(image);
  return html`<section class="image" id="image-${index}" data-image-index="${index}" aria-labelledby="image-${index}-title">
<h2 id="image-${index}-title"><code>${imageTitle(image)}</code> ${options.sizeOnly && !image.error ? '' : html`<span class="pill res-${result.key}">${result.text}</span>`}</h2>
${image.error ? html`<p class="res-unchecked">Could not be checked: ${image.error.message}</p>` : ''}
<dl class="meta">
${image.digest ? html`<dt>digest</dt><dd><code>${image.digest}</code></dd>` : ''}
${image.imageId && image.imageId !== image.digest ? html`<dt>image ID</dt><dd><code>${image.imageId}</code></dd>` : ''}
${image.sizeBytes !== undefined ? html`<dt>size</dt><dd>${formatSize(image.sizeBytes)}${image.compressedSizeBytes !== undefined ? ` (${formatSize(image.compressedSizeBytes)} compressed)` : ''}</dd>` : ''}
${image.size ? html`<dt>wasted</dt><dd>${formatSize(image.size.wastedBytes)} (efficiency ${(image.size.efficiency * 100).toFixed(1)}%)</dd>` : ''}
</dl>
${image.size ? sizeParts(image.size, index) : ''}
${options.sizeOnly || image.error ? '' : findings(image, index, report)}
<p><a href="#summary">Back to the summary</a></p>
</section>`;
}

function sizeParts(size: SizeAnalysis, index: number): Raw {
  const layers = size.layers.map(
    (layer) =>
      html`<tr><td class="num" data-sort="${layer.index}">${swatch(layer.index)} ${layer.index}</td><td class="num" data-sort="${layer.sizeBytes}">${formatSize(layer.sizeBytes)}</td><td class="num" data-sort="${layer.wastedBytes ?? 0}">${layer.wastedBytes ? formatSize(layer.wastedBytes) : ''}</td><td><code>${describeStep(layer.createdBy).slice(0, 300)}</code></td></tr>`,
  );
  return html`<h3>Layers</h3>
<p class="note">Each layer's share of the image's file bytes, coloured by the step that made it; the hatched end of a layer is its wasted bytes (copies a later layer deleted, hid or overwrote).</p>
${layerBar(size, `image-${index}`)}
<div class="scroll"><table class="sortable"><thead><tr><th class="num">layer</th><th class="num">size</th><th class="num">wasted</th><th>step</th></tr></thead><tbody>${layers}</tbody></table></div>
${
  size.tree
    ? html`<h3>Final filesystem by directory</h3>
<p class="note">Widths are bytes. Shown: ${TREE_BOUNDS.maxDepth} levels, the ${TREE_BOUNDS.maxChildren} largest directories of each, only those holding at least ${TREE_BOUNDS.minShare * 100}% of the image; the rest is summed as "(other N)". Select a directory to zoom in.</p>
${icicle(size.tree)}`
    : ''
}
<h3>Largest files</h3>
${
  size.largest.length === 0
    ? html`<p>None.</p>`
    : html`<div class="scroll"><table class="sortable"><thead><tr><th class="num">size</th><th>path</th><th class="num">layer</th></tr></thead><tbody>${size.largest.map(
        (file) =>
          html`<tr><td class="num" data-sort="${file.sizeBytes}">${formatSize(file.sizeBytes)}</td><td><code>${file.path}</code></td><td class="num">${file.layer}</td></tr>`,
      )}</tbody></table></div>`
}
<h3>Wasted bytes</h3>
${
  size.wasted.length === 0
    ? html`<p>Nothing wasted.</p>`
    : html`<div class="scroll"><table class="sortable"><thead><tr><th class="num">size</th><th>path</th><th class="num">shipped in layer</th><th>removed</th></tr></thead><tbody>${size.wasted.map(
        (file) =>
          html`<tr><td class="num" data-sort="${file.sizeBytes}">${formatSize(file.sizeBytes)}</td><td><code>${file.path}</code></td><td class="num">${file.layer}</td><td>${file.removedIn !== undefined ? `${file.how} in layer ${file.removedIn}` : ''}</td></tr>`,
      )}</tbody></table></div><p class="note">The ${size.wasted.length} largest wasted copies; ${formatSize(size.wastedBytes)} in all.</p>`
}`;
}

function findings(image: ImageReport, index: number, report: Report): Raw {
  if (image.findings.length === 0) return html`<h3>Findings</h3><p>No findings.</p>`;
  return html`<h3>Findings</h3><div class="scroll"><table class="sortable">${findingHead(false)}<tbody>${image.findings.map((finding) => findingRow(finding, image, undefined, index, report.summary.failOn, false))}</tbody></table></div>`;
}
