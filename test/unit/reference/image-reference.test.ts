// Image references as typed on the command line: every accepted form, normalization, and rejections.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import {
  isDaemonReference,
  normalizeReference,
  parseDaemonReference,
  parseImageReference,
  referenceCandidates,
} from '../../../src/reference/image-reference.js';

const HEX = 'a'.repeat(52) + '0123456789ab';
const DIGEST = `sha256:${HEX}`;

describe('parseImageReference: daemon references', () => {
  it('parses a Docker Hub official image with a tag', () => {
    expect(parseImageReference('nginx:1.27')).toEqual({
      transport: 'docker-daemon',
      raw: 'nginx:1.27',
      normalized: 'docker.io/library/nginx:1.27',
      registry: 'docker.io',
      repository: 'library/nginx',
      tag: '1.27',
      isId: false,
    });
  });

  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['acme/app', 'docker.io/acme/app:latest'],
    ['docker.io/nginx', 'docker.io/library/nginx:latest'],
    ['index.docker.io/nginx:1', 'docker.io/library/nginx:1'],
    [`library/nginx@${DIGEST}`, `docker.io/library/nginx@${DIGEST}`],
    [`nginx:1.27@${DIGEST}`, `docker.io/library/nginx:1.27@${DIGEST}`],
    ['localhost:5000/app:1', 'localhost:5000/app:1'],
    ['localhost/app', 'localhost/app:latest'],
    ['ghcr.io/acme/tools/cli:v2.0.1', 'ghcr.io/acme/tools/cli:v2.0.1'],
    ['quay.io/app', 'quay.io/app:latest'],
    [`registry.example.com:443/team/app:tag@${DIGEST}`, `registry.example.com:443/team/app:tag@${DIGEST}`],
    ['[::1]:5000/app:1', '[::1]:5000/app:1'],
    ['my_org/web-app__x.y:1_2', 'docker.io/my_org/web-app__x.y:1_2'],
  ])('normalizes %s → %s', (raw, normalized) => {
    expect(normalizeReference(raw)).toBe(normalized);
    expect(parseImageReference(raw)).toMatchObject({ transport: 'docker-daemon', raw, normalized, isId: false });
  });

  it('splits registry, repository, tag and digest', () => {
    expect(parseDaemonReference(`registry.example.com:443/team/app:tag@${DIGEST}`)).toEqual({
      transport: 'docker-daemon',
      raw: `registry.example.com:443/team/app:tag@${DIGEST}`,
      normalized: `registry.example.com:443/team/app:tag@${DIGEST}`,
      registry: 'registry.example.com:443',
      repository: 'team/app',
      tag: 'tag',
      digest: DIGEST,
      isId: false,
    });
    // A digest alone does not get ":latest" added.
    const pinned = parseDaemonReference(`library/nginx@${DIGEST}`);
    expect(pinned.tag).toBeUndefined();
    expect(pinned.digest).toBe(DIGEST);
  });

  it('treats a first component as a registry only with ".", ":" or "localhost"', () => {
    expect(parseDaemonReference('team/app').registry).toBe('docker.io');
    expect(parseDaemonReference('team/app').repository).toBe('team/app');
    expect(parseDaemonReference('my.registry/app').registry).toBe('my.registry');
    expect(parseDaemonReference('host:80/app').registry).toBe('host:80');
    expect(parseDaemonReference('localhost/app').repository).toBe('app');
  });

  it.each([`sha256:${HEX}`, 'abcdef012345', HEX])('recognises the image ID %s and leaves it unchanged', (id) => {
    expect(parseImageReference(id)).toEqual({ transport: 'docker-daemon', raw: id, normalized: id, isId: true });
    expect(normalizeReference(id)).toBe(id);
  });

  it('accepts the docker-daemon: prefix, with names and IDs', () => {
    expect(parseImageReference('docker-daemon:nginx:1.27')).toMatchObject({ raw: 'nginx:1.27', normalized: 'docker.io/library/nginx:1.27' });
    expect(parseImageReference(`docker-daemon:sha256:${HEX}`)).toMatchObject({ raw: `sha256:${HEX}`, isId: true });
  });
});

describe('parseImageReference: reserved transports', () => {
  it.each([
    ['docker-archive:/tmp/app.tar', 'docker-archive', '/tmp/app.tar'],
    ['oci:/tmp/layout:app', 'oci', '/tmp/layout:app'],
    ['oci-archive:app.tar', 'oci-archive', 'app.tar'],
    ['docker://ghcr.io/acme/app:1', 'docker', 'ghcr.io/acme/app:1'],
  ] as const)('recognises %s', (input, transport, raw) => {
    const reference = parseImageReference(input);
    expect(reference).toEqual({ transport, raw });
    expect(isDaemonReference(reference)).toBe(false);
  });
});

describe('parseImageReference: invalid input', () => {
  it.each([
    ['', 'image reference is empty'],
    ['   ', 'image reference is empty'],
    ['docker-daemon:', 'image reference is empty'],
    ['Nginx:1.27', 'repository name must be lowercase ("Nginx")'],
    ['acme/MyApp', 'repository name must be lowercase ("MyApp")'],
    ['nginx@sha256:abc', 'sha256 needs 64 hex characters, got 3'],
    [`nginx@sha256:${HEX.toUpperCase()}`, 'hex must be lowercase'],
    [`nginx@md5:${HEX}`, 'invalid digest'],
    ['nginx@', 'invalid digest'],
    ['sha256:abc', 'an image ID must be "sha256:" followed by 64 lowercase hex characters'],
    ['nginx:', 'tag is empty'],
    ['nginx:-bad', 'invalid tag "-bad"'],
    ['acme//app', 'empty path component'],
    ['acme/app-', 'invalid repository name component "app-"'],
    [':1', 'missing repository name'],
    ['bad_host.com/app', 'invalid registry host "bad_host.com"'],
    ['nginx 1.27', 'cannot contain whitespace'],
    [`${'a'.repeat(256)}:1`, 'longer than 255'],
  ])('rejects %j', (input, message) => {
    expect(() => parseImageReference(input)).toThrow(UsageError);
    expect(() => parseImageReference(input)).toThrow(message);
  });

  it('quotes the reference in the message', () => {
    expect(() => parseImageReference('Nginx')).toThrow('invalid image reference "Nginx": repository name must be lowercase ("Nginx")');
  });
});

describe('referenceCandidates', () => {
  it('lists the reference as written and normalized, without duplicates', () => {
    expect(referenceCandidates(parseDaemonReference('nginx'))).toEqual(['nginx', 'docker.io/library/nginx:latest']);
    expect(referenceCandidates(parseDaemonReference('ghcr.io/a/b:1'))).toEqual(['ghcr.io/a/b:1']);
  });
});

describe('misspelt transports', () => {
  it('names the valid prefixes instead of looking a path up in the engine', () => {
    expect(() => parseImageReference('docker-archve:build/app.tar')).toThrow(
      'unknown transport "docker-archve:" in "docker-archve:build/app.tar" (did you mean "docker-archive:"?); use docker-daemon:REF, docker-archive:PATH',
    );
    expect(() => parseImageReference('docker-archve:app.tar')).toThrow('(did you mean "docker-archive:"?)');
    expect(() => parseImageReference('oci-layout:/srv/layout')).toThrow('unknown transport "oci-layout:"');
  });

  it('leaves real names alone, registries with ports and dotted hosts included', () => {
    for (const name of [
      'docker:24-dind',
      'ocx:latest',
      'localhost:5000/app:1',
      'docker.example.com:5000/team/app:1',
      'docker.example.com/team/app',
      'nginx:1.27',
    ]) {
      expect(parseImageReference(name).transport).toBe('docker-daemon');
    }
  });
});
