// What `imagegate audit` lists: every image of the engine, or a registry's catalog under a prefix.
import pLimit from 'p-limit';
import { UsageError } from '../core/errors.js';
import { checkRegistry, checkRepositoryPath, checkTag, looksLikeRegistry } from '../reference/reference-grammar.js';
import { RegistryError, RegistryNotFoundError, type RegistryClient } from '../registry/registry-client.js';

export type AuditSource = { kind: 'engine' } | { kind: 'registry'; host: string; prefix: string };

const FORMS =
  "docker-daemon: (every image of the Docker Engine) or docker://HOST[/PREFIX] (the repositories of a registry's catalog under PREFIX, every tag)";

export function parseAuditSource(input: string): AuditSource {
  if (input === 'docker-daemon:') return { kind: 'engine' };
  if (input.startsWith('docker-daemon:')) {
    throw new UsageError(
      `audit docker-daemon: lists every image of the engine and takes no name after the colon (got "${input}"); narrow it with --filter GLOB, or check one image with imagegate check`,
    );
  }
  if (input.startsWith('docker://')) {
    const rest = input.slice('docker://'.length);
    const slash = rest.indexOf('/');
    const host = slash < 0 ? rest : rest.slice(0, slash);
    const prefix = slash < 0 ? '' : rest.slice(slash + 1).replace(/\/+$/, '');
    if (host === '' || checkRegistry(host) !== undefined || !looksLikeRegistry(host)) {
      throw new UsageError(`audit ${input}: name a registry host, e.g. docker://registry.example.com/team or docker://127.0.0.1:5000`);
    }
    if (/[:@]/.test(prefix))
      throw new UsageError(
        `audit ${input}: a registry audit takes a repository prefix, not a tag or digest; every tag of every repository under it is checked`,
      );
    const problem = prefix === '' ? undefined : checkRepositoryPath(prefix);
    if (problem) throw new UsageError(`audit ${input}: ${problem}`);
    return { kind: 'registry', host, prefix };
  }
  throw new UsageError(`audit takes ${FORMS}; got "${input}"`);
}

/** "team" covers "team" and "team/app", not "teamcity/app"; "" covers everything. */
export function underPrefix(repository: string, prefix: string): boolean {
  return prefix === '' || repository === prefix || repository.startsWith(`${prefix}/`);
}

export interface RegistryListing {
  /** Repositories in the catalog under the prefix. */
  repositories: number;
  /** "HOST/REPO:TAG", repositories in catalog order, tags in the registry's order. */
  references: string[];
}

/**
 * The catalog, then the tags of each repository under the prefix (a few repositories at a time).
 * A repository that disappears between the two is left out with a note; any other failure ends the
 * audit, because a fleet listed in part would pass on what was never seen.
 */
export async function listRegistryImages(
  client: Pick<RegistryClient, 'host' | 'catalog' | 'tags'>,
  prefix: string,
  options: { concurrency?: number; note?: (message: string) => void } = {},
): Promise<RegistryListing> {
  const repositories = (await client.catalog()).filter((repository) => underPrefix(repository, prefix));
  const limit = pLimit(options.concurrency ?? 4);
  const tagLists = await Promise.all(
    repositories.map((repository) =>
      limit(async () => {
        const problem = checkRepositoryPath(repository);
        if (problem) throw new RegistryError(`registry ${client.host} listed the repository "${repository}" in its catalog: ${problem}`);
        try {
          return await client.tags(repository);
        } catch (error) {
          if (!(error instanceof RegistryNotFoundError)) throw error;
          options.note?.(
            `${client.host}/${repository} is in the catalog but has no tag list (404); it was deleted or holds no tagged image — skipped`,
          );
          return [];
        }
      }),
    ),
  );
  const references: string[] = [];
  repositories.forEach((repository, i) => {
    for (const tag of new Set(tagLists[i])) {
      const problem = checkTag(tag);
      if (problem) throw new RegistryError(`registry ${client.host} listed a tag of ${repository} that is not one: ${problem}`);
      references.push(`${client.host}/${repository}:${tag}`);
    }
  });
  return { repositories: repositories.length, references };
}
