import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { matchesPlatform, parsePlatform } from '../../../src/image/platform.js';
import type { ImageSource } from '../../../src/sources/source.js';
import { targetFor } from '../../../src/sources/targets.js';

const engine: ImageSource = { description: 'test engine', resolve: () => Promise.reject(new Error('unused')) };
const target = (input: string) => targetFor(input, { engine: () => engine });
const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('targetFor', () => {
  it('sends bare and docker-daemon: references to the engine', () => {
    expect(target('nginx:1.27')).toMatchObject({
      raw: 'nginx:1.27',
      normalized: 'docker.io/library/nginx:1.27',
      source: engine,
      locator: 'nginx:1.27',
    });
    expect(target('docker-daemon:app:1').source).toBe(engine);
  });

  it('splits docker-archive:PATH:REF at the first colon, like skopeo', () => {
    const t = target('docker-archive:/tmp/images.tar:team/app:1.2');
    expect(t).toMatchObject({ locator: '/tmp/images.tar', normalized: 'docker.io/team/app:1.2' });
    expect(t.candidates).toEqual(['docker-archive:/tmp/images.tar:team/app:1.2', 'team/app:1.2', 'docker.io/team/app:1.2']);
    expect(t.source.description).toBe('docker archive /tmp/images.tar');
  });

  it('reads oci:DIR with a tag, a digest or a position', () => {
    expect(target('oci:/layouts/app:v1')).toMatchObject({ locator: '/layouts/app', normalized: 'oci:/layouts/app:v1' });
    expect(target(`oci:/layouts/app@${DIGEST}`).locator).toBe('/layouts/app');
    expect(target('oci-archive:app.tar:@2').locator).toBe('app.tar');
    expect(() => target('oci:/layouts/app@sha256:abc')).toThrow(UsageError);
    expect(() => target('oci:')).toThrow(/names no path/);
  });

  it('says docker:// is not available instead of guessing', () => {
    expect(() => target('docker://registry.example.com/app:1')).toThrow(/"docker:\/\/" transport is not supported yet/);
  });
});

describe('platforms', () => {
  it('parses os/arch[/variant] and rejects anything else', () => {
    expect(parsePlatform('linux/arm64/v8')).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    expect(parsePlatform('Linux/AMD64')).toEqual({ os: 'linux', architecture: 'amd64', variant: undefined });
    expect(() => parsePlatform('amd64')).toThrow(/os\/arch/);
  });

  it('matches variants the way containerd does', () => {
    const wanted = parsePlatform('linux/arm64');
    expect(matchesPlatform({ os: 'linux', architecture: 'arm64', variant: 'v8' }, wanted)).toBe(true);
    expect(matchesPlatform({ os: 'linux', architecture: 'arm64' }, parsePlatform('linux/arm64/v8'))).toBe(true);
    expect(matchesPlatform({ os: 'linux', architecture: 'arm', variant: 'v6' }, parsePlatform('linux/arm/v7'))).toBe(false);
    expect(matchesPlatform({ os: 'windows', architecture: 'amd64' }, parsePlatform('linux/amd64'))).toBe(false);
  });
});
