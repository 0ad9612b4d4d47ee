// `imagegate audit <source>`: list a fleet (every image of an engine, or a registry's catalog under a
// prefix), keep what --filter and --shard select, then check it exactly as `imagegate check` would.
import { parseAuditSource, listRegistryImages } from '../audit/audit-source.js';
import { engineImages, listEngineImages } from '../audit/engine-images.js';
import { selectImages, type ListedImage } from '../audit/select.js';
import { formatShard, parseShard } from '../audit/shard.js';
import { targetFor } from '../sources/targets.js';
import { checkTargets, loadRunSettings, prepareCheckRun, type CheckFlags } from './check-command.js';

export interface AuditOptions extends CheckFlags {
  /** --filter GLOB, repeatable: keep images with a name any of them matches. */
  filter?: string[];
  /** --shard i/n */
  shard?: string;
  /** --all: also images with neither tag nor digest (engine only). */
  all?: boolean;
}

export async function runAuditCommand(sourceArgument: string, options: AuditOptions): Promise<number> {
  const source = parseAuditSource(sourceArgument);
  const shard = options.shard !== undefined ? parseShard(options.shard) : undefined;
  const filters = options.filter ?? [];
  // Every flag is checked, and the settings read, before the fleet is listed.
  const run = await loadRunSettings(prepareCheckRun(options), options);
  const sources = run.checked.sources;
  const note = (message: string): void => void (options.quiet || process.stderr.write(`imagegate: ${message}\n`));

  let listed: ListedImage[];
  let detail: string;
  if (source.kind === 'engine') {
    // The engine the images are then checked on: one connection, one --timeout.
    const engine = sources.engine();
    const summaries = await listEngineImages(engine.client, {
      all: Boolean(options.all),
      timeoutMs: engine.timeoutMs,
      description: engine.description,
    });
    const { images, skipped } = engineImages(summaries, { all: Boolean(options.all), filters, engine: sources.engine });
    listed = images;
    detail = `from the ${engine.description}${skipped > 0 ? ` (${skipped} with neither tag nor digest skipped; --all checks them too)` : ''}`;
  } else {
    if (options.all) note('--all only concerns untagged engine images; a registry audit checks every tag it lists');
    // The registry client the images are then read with: one token cache, the same --insecure-registry and --timeout.
    const listing = await listRegistryImages(sources.registry().clientFor(source.host), source.prefix, { note });
    listed = listing.references.map((reference) => {
      const target = targetFor(`docker://${reference}`, sources);
      return { target, names: target.candidates };
    });
    detail = `from ${listing.repositories} repositor${listing.repositories === 1 ? 'y' : 'ies'} of ${source.host}${source.prefix ? ` under ${source.prefix}/` : ''}`;
  }

  const selection = selectImages(listed, filters, shard);
  const counts = [`${selection.listed} image${selection.listed === 1 ? '' : 's'} listed ${detail}`];
  if (filters.length > 0) counts.push(`${selection.filtered} match --filter`);
  if (shard) counts.push(`${selection.selected.length} in shard ${formatShard(shard)}`);
  note(`${counts.join(', ')}`);
  if (selection.selected.length === 0) {
    note(`no image to check${shard ? ` in shard ${formatShard(shard)}` : ''}: the report is empty and the run passes (exit 0)`);
  }
  return checkTargets(
    selection.selected.map((image) => image.target),
    run,
    options,
  );
}
