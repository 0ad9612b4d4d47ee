// The size breakdown in text: per-layer sizes with their Dockerfile steps, wasted bytes, and the
// largest files and directories. Shown when a size rule fails, with --size-report, and by `imagegate size`.
import { formatSize } from '../config/size.js';
import { describeStep } from '../image/image-model.js';
import type { SizeAnalysis } from '../image/size-analysis.js';
import type { Style } from './style.js';

export function formatSizeBreakdown(size: SizeAnalysis, style: Style, indent = '  '): string {
  const width = Math.max(...size.layers.map((layer) => formatSize(layer.sizeBytes).length), 4);
  const lines = [
    `${indent}${style.bold('size')}: ${formatSize(size.totalBytes)}${size.compressedBytes !== undefined ? ` (${formatSize(size.compressedBytes)} compressed)` : ''}, wasted ${formatSize(size.wastedBytes)}, efficiency ${(size.efficiency * 100).toFixed(1)}%`,
    `${indent}${style.dim('layer  size'.padEnd(7 + width))}  ${style.dim('step')}`,
    ...size.layers.map(
      (layer) =>
        `${indent}${String(layer.index).padStart(5)}  ${formatSize(layer.sizeBytes).padStart(width)}  ${describeStep(layer.createdBy).slice(0, 100)}`,
    ),
  ];
  if (size.wasted.length > 0) {
    lines.push(`${indent}${style.bold('wasted')} (shipped, then deleted or overwritten):`);
    for (const file of size.wasted.slice(0, 5)) {
      lines.push(
        `${indent}  ${formatSize(file.sizeBytes).padStart(9)}  ${file.path}  (layer ${file.layer}${file.removedIn !== undefined ? ` → ${file.how} in layer ${file.removedIn}` : ''})`,
      );
    }
  }
  if (size.largestDirectories.length > 0) {
    lines.push(`${indent}${style.bold('largest directories')}:`);
    for (const dir of size.largestDirectories) lines.push(`${indent}  ${formatSize(dir.sizeBytes).padStart(9)}  ${dir.path}`);
  }
  if (size.largest.length > 0) {
    lines.push(`${indent}${style.bold('largest files')}:`);
    for (const file of size.largest) lines.push(`${indent}  ${formatSize(file.sizeBytes).padStart(9)}  ${file.path}  (layer ${file.layer})`);
  }
  return lines.join('\n');
}
