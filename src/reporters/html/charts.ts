// The report's two pictures, drawn here as SVG so they show without JavaScript: the layer bar
// (each layer's share of the image, coloured by its Dockerfile step, wasted bytes hatched) and an
// icicle of the final filesystem by directory (the page's script zooms it). Names only ever reach
// the SVG as escaped text (<title>, <text>); attributes hold numbers and this file's colours.
import { formatSize } from '../../config/size.js';
import type { DirectoryNode } from '../../image/directory-tree.js';
import { describeStep } from '../../image/image-model.js';
import type { SizeAnalysis } from '../../image/size-analysis.js';
import { html, type Raw } from './escape.js';

const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const WIDTH = 1000;

export function layerColour(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

export function swatch(index: number): Raw {
  return html`<svg class="swatch" viewBox="0 0 1 1" aria-hidden="true"><rect width="1" height="1" fill="${layerColour(index)}"/></svg>`;
}

export function layerBar(size: SizeAnalysis, id: string): Raw {
  const total = size.layers.reduce((sum, layer) => sum + layer.sizeBytes, 0);
  if (total === 0) return html`<p class="note">No file bytes in any layer.</p>`;
  let x = 0;
  const parts = size.layers.map((layer) => {
    const width = (layer.sizeBytes / total) * WIDTH;
    const wasted = ((layer.wastedBytes ?? 0) / total) * WIDTH;
    const label = `layer ${layer.index}: ${formatSize(layer.sizeBytes)}${layer.wastedBytes ? `, ${formatSize(layer.wastedBytes)} wasted` : ''} — ${describeStep(layer.createdBy)}`;
    const part = html`<g><title>${label}</title><rect x="${x.toFixed(2)}" y="0" width="${width.toFixed(2)}" height="40" fill="${layerColour(layer.index)}" stroke="#fff" stroke-width="0.5"/>${
      wasted > 0 ? html`<rect x="${(x + width - wasted).toFixed(2)}" y="0" width="${wasted.toFixed(2)}" height="40" fill="url(#${id}-waste)"/>` : ''
    }</g>`;
    x += width;
    return part;
  });
  return html`<svg viewBox="0 0 ${WIDTH} 40" role="img" aria-label="Layer sizes; the layer table below lists the same">
<defs><pattern id="${id}-waste" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#000" fill-opacity="0.35"/><rect width="3" height="8" fill="#fff" fill-opacity="0.8"/></pattern></defs>
${parts}</svg>`;
}

const ROW = 26;

/**
 * An icicle: the root across the full width, each directory below its parent, widths by bytes.
 * Every rect carries its span (data-x0/x1, numbers) and depth so the script can zoom into one.
 */
export function icicle(tree: DirectoryNode): Raw {
  const rects: Raw[] = [];
  let depth = 0;
  const place = (node: DirectoryNode, path: string, x0: number, x1: number, level: number): void => {
    depth = Math.max(depth, level + 1);
    const width = x1 - x0;
    const label = `${path || '/'} — ${formatSize(node.sizeBytes)}`;
    const name = level === 0 ? '/' : node.name;
    const text = width > 40 ? fit(name, width) : '';
    const colour = level === 0 ? '#8c8c8c' : PALETTE[(level * 3 + Math.round(x0)) % PALETTE.length]!;
    rects.push(
      html`<g class="zoomable" tabindex="0" role="button" data-x0="${x0.toFixed(3)}" data-x1="${x1.toFixed(3)}" data-depth="${level}"><title>${label}</title><desc>${name}</desc><rect x="${x0.toFixed(2)}" y="${level * ROW}" width="${Math.max(0, width - 0.5).toFixed(2)}" height="${ROW - 1}" fill="${colour}"/><text x="${(x0 + 4).toFixed(2)}" y="${level * ROW + 17}">${text}</text></g>`,
    );
    let x = x0;
    for (const child of node.children ?? []) {
      const w = node.sizeBytes > 0 ? (child.sizeBytes / node.sizeBytes) * width : 0;
      if (w >= 0.5) place(child, `${path}/${child.name}`, x, x + w, level + 1);
      x += w;
    }
  };
  place(tree, '', 0, WIDTH, 0);
  return html`<div class="scroll"><svg class="icicle" viewBox="0 0 ${WIDTH} ${depth * ROW}" role="group" aria-label="Final filesystem by directory; activate a directory to zoom into it">${rects}</svg></div>`;
}

/** Roughly what fits in `width` viewBox units at the label's font size; the script redoes it after a zoom. */
export function fit(name: string, width: number): string {
  const chars = Math.floor((width - 8) / 6.5);
  if (chars < 2) return '';
  return name.length <= chars ? name : `${name.slice(0, chars - 1)}…`;
}
