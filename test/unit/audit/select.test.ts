// What audit lists and selects: engine images (one per ID, named by tag, dangling ones skipped),
// --filter globs, and the audit source argument.
import { describe, expect, it } from 'vitest';
import { listRegistryImages, parseAuditSource, underPrefix } from '../../../src/audit/audit-source.js';
import { engineImages, listEngineImages, type EngineImageSummary } from '../../../src/audit/engine-images.js';
import { selectImages } from '../../../src/audit/select.js';
import { RegistryError, RegistryNotFoundError } from '../../../src/registry/registry-client.js';
import type { EngineClient } from '../../../src/sources/engine-client.js';
import type { ImageSource } from '../../../src/sources/source.js';

const id = (n: number): string => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const engine = { description: 'test engine', resolve: () => Promise.reject(new Error('not read here')) } as ImageSource;
const options = { all: false, filters: [] as string[], engine: () => engine };

const summaries: EngineImageSummary[] = [
  { Id: id(1), RepoTags: ['team/app:1.4.2', 'team/app:latest'], RepoDigests: ['team/app@sha256:' + 'a'.repeat(64)] },
  { Id: id(2), RepoTags: ['<none>:<none>'], RepoDigests: ['<none>@<none>'] },
  { Id: id(3), RepoTags: null, RepoDigests: null },
  { Id: id(4), RepoTags: [], RepoDigests: ['registry.example.com/team/api@sha256:' + 'b'.repeat(64)] },
  { Id: id(5), RepoTags: ['nginx:1.27', 'registry.example.com/edge/nginx:1.27'] },
  { Id: id(1), RepoTags: ['team/app:1.4.2'] },
];

describe('engineImages', () => {
  it('lists each image once, by ID, named by its first tag; images with neither tag nor digest are skipped', () => {
    const { images, skipped } = engineImages(summaries, options);
    expect(skipped).toBe(2);
    expect(images.map((image) => [image.target.raw, image.target.normalized, image.target.locator])).toEqual([
      ['team/app:1.4.2', 'docker.io/team/app:1.4.2', id(1)],
      [`registry.example.com/team/api@sha256:${'b'.repeat(64)}`, `registry.example.com/team/api@sha256:${'b'.repeat(64)}`, id(4)],
      ['nginx:1.27', 'docker.io/library/nginx:1.27', id(5)],
    ]);
    expect(images[0]!.target.candidates).toEqual(['team/app:1.4.2', 'docker.io/team/app:1.4.2']);
    expect(images[0]!.names).toContain('docker.io/team/app:latest');
    expect(images[0]!.names).toContain(id(1));
    expect(images.every((image) => image.target.source === engine)).toBe(true);
  });

  it('with --all keeps dangling and intermediate images, named by ID', () => {
    const { images, skipped } = engineImages(summaries, { ...options, all: true });
    expect(skipped).toBe(0);
    expect(images.map((image) => image.target.raw)).toEqual([
      'team/app:1.4.2',
      id(2),
      id(3),
      `registry.example.com/team/api@sha256:${'b'.repeat(64)}`,
      'nginx:1.27',
    ]);
    expect(images[1]!.target).toMatchObject({ raw: id(2), normalized: id(2), locator: id(2) });
  });

  it('with --filter names an image by the first of its names that matches, so the report shows why it was taken', () => {
    const filters = ['registry.example.com/edge/*'];
    const { images } = engineImages(summaries, { ...options, filters });
    const selection = selectImages(images, filters);
    expect(selection.selected.map((image) => [image.target.raw, image.target.locator])).toEqual([['registry.example.com/edge/nginx:1.27', id(5)]]);
  });
});

describe('selectImages', () => {
  const { images } = engineImages(summaries, options);

  it('keeps images any --filter glob matches, as written or normalized, and sorts them by reference', () => {
    expect(selectImages(images, []).selected.map((image) => image.target.raw)).toEqual([
      'nginx:1.27',
      `registry.example.com/team/api@sha256:${'b'.repeat(64)}`,
      'team/app:1.4.2',
    ]);
    expect(selectImages(images, ['team/*']).selected.map((image) => image.target.raw)).toEqual(['team/app:1.4.2']);
    expect(selectImages(images, ['docker.io/library/*', '*/team/api@*']).selected.map((image) => image.target.raw)).toEqual([
      'nginx:1.27',
      `registry.example.com/team/api@sha256:${'b'.repeat(64)}`,
    ]);
    expect(selectImages(images, ['nothing/*'])).toMatchObject({ listed: 3, filtered: 0, selected: [] });
  });

  it('counts what was listed, filtered and kept by the shard', () => {
    const all = [1, 2].map((index) => selectImages(images, ['*'], { index, count: 2 }));
    expect(all.map((selection) => [selection.listed, selection.filtered])).toEqual([
      [3, 3],
      [3, 3],
    ]);
    expect(all[0]!.selected.length + all[1]!.selected.length).toBe(3);
  });
});

describe('listEngineImages', () => {
  const client = (answer: () => Promise<unknown>): EngineClient => ({
    getImage: () => {
      throw new Error('unused');
    },
    exportImage: () => {
      throw new Error('unused');
    },
    listImages: answer as EngineClient['listImages'],
  });
  const opts = { all: false, timeoutMs: 200, description: 'Docker Engine at unix:///test.sock' };

  it('returns the list the engine sent', async () => {
    await expect(
      listEngineImages(
        client(async () => [{ Id: id(1), RepoTags: ['a:1'], Size: 1 }]),
        opts,
      ),
    ).resolves.toMatchObject([{ Id: id(1), RepoTags: ['a:1'] }]);
  });

  it('says when the engine cannot be reached, stalls, or sends something that is not an image list', async () => {
    await expect(
      listEngineImages(
        client(() => Promise.reject(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))),
        opts,
      ),
    ).rejects.toThrow('cannot reach the Docker Engine at unix:///test.sock (ECONNREFUSED)');
    await expect(
      listEngineImages(
        client(() => new Promise(() => undefined)),
        opts,
      ),
    ).rejects.toThrow('did not list its images within');
    await expect(
      listEngineImages(
        client(async () => ({ message: 'nope' })),
        opts,
      ),
    ).rejects.toThrow('answered the image list with something that is not one');
  });
});

describe('parseAuditSource', () => {
  it('reads docker-daemon: and docker://HOST[/PREFIX]', () => {
    expect(parseAuditSource('docker-daemon:')).toEqual({ kind: 'engine' });
    expect(parseAuditSource('docker://127.0.0.1:5000')).toEqual({ kind: 'registry', host: '127.0.0.1:5000', prefix: '' });
    expect(parseAuditSource('docker://registry.example.com/team/')).toEqual({ kind: 'registry', host: 'registry.example.com', prefix: 'team' });
    expect(parseAuditSource('docker://localhost:5000/team/backend')).toEqual({ kind: 'registry', host: 'localhost:5000', prefix: 'team/backend' });
  });

  it.each([
    ['nginx:1.27', 'audit takes docker-daemon:'],
    ['docker-daemon:nginx', 'takes no name after the colon'],
    ['docker://', 'name a registry host'],
    ['docker://team/app', 'name a registry host'],
    ['docker://registry.example.com/team/app:1', 'not a tag or digest'],
    ['docker://registry.example.com/Team', 'must be lowercase'],
    ['oci:layout', 'audit takes docker-daemon:'],
  ])('refuses %s', (input, message) => {
    expect(() => parseAuditSource(input)).toThrow(expect.objectContaining({ name: 'UsageError', message: expect.stringContaining(message) }));
  });

  it('matches a prefix by whole path components', () => {
    expect(underPrefix('team', 'team')).toBe(true);
    expect(underPrefix('team/app', 'team')).toBe(true);
    expect(underPrefix('teamcity/app', 'team')).toBe(false);
    expect(underPrefix('anything', '')).toBe(true);
  });
});

describe('listRegistryImages', () => {
  const registry = (tags: Record<string, string[] | Error>) => ({
    host: 'registry.example.com',
    catalog: async () => Object.keys(tags),
    tags: async (repository: string) => {
      const answer = tags[repository]!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });

  it('lists every tag of every repository under the prefix', async () => {
    const notes: string[] = [];
    const listing = await listRegistryImages(
      registry({ 'team/app': ['1', '2', '1'], 'team/gone': new RegistryNotFoundError('404'), 'teamcity/x': ['1'], team: ['0'] }),
      'team',
      { note: (m) => notes.push(m) },
    );
    expect(listing).toEqual({
      repositories: 3,
      references: ['registry.example.com/team/app:1', 'registry.example.com/team/app:2', 'registry.example.com/team:0'],
    });
    expect(notes).toEqual([expect.stringContaining('registry.example.com/team/gone is in the catalog but has no tag list (404)')]);
  });

  it('fails the audit on any other error, and on names that are not names', async () => {
    await expect(listRegistryImages(registry({ 'team/app': new RegistryError('registry registry.example.com answered 500') }), '')).rejects.toThrow(
      'answered 500',
    );
    await expect(listRegistryImages(registry({ 'team/App': ['1'] }), '')).rejects.toThrow('listed the repository "team/App" in its catalog');
    await expect(listRegistryImages(registry({ 'team/app': ['-bad'] }), '')).rejects.toThrow('listed a tag of team/app that is not one');
  });
});
