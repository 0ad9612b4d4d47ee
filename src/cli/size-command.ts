// `imagegate size <image...>`: the size breakdown alone — layers and steps, wasted bytes,
// efficiency, largest files and directories — as text or JSON. No rule runs.
import { loadSettings } from '../engine/load-settings.js';
import { createStyle } from '../reporters/style.js';
import { wantsColor } from '../reporters/style.js';
import { formatSizeBreakdown } from '../reporters/size-text.js';
import { checkOptions, type CheckOptions } from '../engine/check-options.js';
import { targetFor } from '../sources/targets.js';
import { cliCaller, definedOnly } from './check-command.js';
import { UsageError } from '../core/errors.js';
import { measureImages } from '../engine/measure.js';
import { formatHtml } from '../reporters/html/index.js';
import { summarize } from '../engine/run-checks.js';
import { TOOL_VERSION } from '../version.js';

export interface SizeOptions {
  format: string;
  platform?: string;
  insecureRegistry?: string[];
  timeout?: string;
}

export async function runSizeCommand(images: string[], options: SizeOptions): Promise<number> {
  if (!['text', 'json', 'html'].includes(options.format))
    throw new UsageError(`--format must be text, json or html for imagegate size; got "${options.format}"`);
  // The options size shares with check, checked the same way; no rule runs, so no policy is looked for.
  const checked = checkOptions(
    definedOnly<CheckOptions>({ platform: options.platform, insecureRegistries: options.insecureRegistry, timeout: options.timeout }),
    cliCaller({}),
  );
  const targets = images.map((image) => targetFor(image, checked.sources));
  const { policy, budgets } = await loadSettings({});
  const measured = await measureImages(targets, { policy, budgets, platform: checked.platform });
  if (options.format === 'html') {
    process.stdout.write(
      formatHtml(
        { version: 1, tool: { name: 'imagegate', version: TOOL_VERSION }, rules: [], images: measured, summary: summarize(measured, 'error') },
        { sizeOnly: true },
      ),
    );
  } else if (options.format === 'json') {
    process.stdout.write(
      `${JSON.stringify(
        measured.map((image) => ({
          reference: image.reference,
          platform: image.platform,
          digest: image.digest,
          size: image.size,
          ...(image.error ? { error: image.error } : {}),
        })),
        null,
        2,
      )}\n`,
    );
  } else {
    const style = createStyle(wantsColor(Boolean(process.stdout.isTTY), process.env));
    const blocks = measured.map((image) =>
      image.error || !image.size
        ? `${style.bold(image.reference)}  could not be measured: ${image.error?.message ?? 'no size'}`
        : `${style.bold(image.reference)}  ${image.platform ?? ''}\n${formatSizeBreakdown(image.size, style)}`,
    );
    process.stdout.write(`${blocks.join('\n\n')}\n`);
  }
  return measured.some((image) => image.error) ? 2 : 0;
}
