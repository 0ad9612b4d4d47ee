// `imagegate audit <source>`: list a fleet (every image of an engine, or a registry's catalog under a
// prefix), keep what --filter and --shard select, then check it exactly as `imagegate check` would.
import { parseAuditSource, listRegistryImages } from '../audit/audit-source.js';
import { engineImages, listEngineImages } from '../audit/engine-images.js';
import { selectImages, type ListedImage } from '../audit/select.js';
import { formatShard, parseShard } from '../audit/shard.js';
import { credentialsFor } from '../registry/docker-config.js';
import { RegistryClient } from '../registry/registry-client.js';
import { DEFAULT_ENGINE_TIMEOUT_MS, engineAddress } from '../sources/docker-engine.js';
import { createEngineClient } from '../sources/engine-client.js';
import { targetFor } from '../sources/targets.js';
import { checkTargets, prepareCheckRun, type CheckOptions } from './check-command.js';

export interface AuditOptions extends CheckOptions {
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
  const run = prepareCheckRun(options);
  const note = (message: string): void => void (options.quiet || process.stderr.write(`imagegate: ${message}\n`));

  let listed: ListedImage[];
  let detail: string;
  if (source.kind === 'engine') {
    const description = `Docker Engine at ${engineAddress()}`;
    const summaries = await listEngineImages(createEngineClient(), { all: Boolean(options.all), timeoutMs: run.timeoutMs ?? DEFAULT_ENGINE_TIMEOUT_MS, description });
    const { images, skipped } = engineImages(summaries, { all: Boolean(options.all), filters, engine: run.sources.engine });
    listed = images;
    detail = `from the ${description}${skipped > 0 ? ` (${skipped} with neither tag nor digest skipped; --all checks them too)` : ''}`;
  } else {
    if (options.all) note('--all only concerns untagged engine images; a registry audit checks every tag it lists');
    const client = new RegistryClient(source.host, {
      insecureHosts: options.insecureRegistry ?? [],
      credentials: (host) => credentialsFor(host),
      ...(run.timeoutMs !== undefined ? { timeoutSeconds: run.timeoutMs / 1000 } : {}),
    });
    const listing = await listRegistryImages(client, source.prefix, { note });
    listed = listing.references.map((reference) => {
      const target = targetFor(`docker://${reference}`, run.sources);
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
