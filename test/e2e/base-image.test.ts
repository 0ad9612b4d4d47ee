// --base-image on a real engine: findings in the layers the base supplied say so and point at the
// base; the same image checked without it reports the team's own layers as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { buildImage, removeImage, runCli } from './support/images.js';

const run = `${process.pid}`;
const tag = (name: string): string => `imagegate-test/base-image-${name}:${run}`;

beforeAll(async () => {
  // The base leaves apt-style lists and a world-writable tool behind; the app adds its own leftover on top.
  await buildImage(tag('base'), {
    busybox: true,
    files: { 'lists/deb.debian.org_debian_dists_bookworm_InRelease': 'x'.repeat(4096) },
    dockerfile: [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'COPY lists/ /var/lib/apt/lists/',
      'RUN ["/bin/busybox", "sh", "-c", "/bin/busybox mkdir -p /opt && /bin/busybox touch /opt/tool && /bin/busybox chmod 0777 /opt/tool"]',
    ].join('\n'),
  });
  await buildImage(tag('app'), {
    files: { 'app/.git/HEAD': 'ref: refs/heads/main\n' },
    dockerfile: [`FROM ${tag('base')}`, 'COPY app/ /app/'].join('\n'),
  });
}, 600_000);

afterAll(async () => {
  await removeImage(tag('app'));
  await removeImage(tag('base'));
});

async function findings(...args: string[]) {
  const result = await runCli(['check', '--format', 'json', '--no-cache', '--fail-on', 'never', ...args, tag('app')]);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as Report).images[0]!.findings;
}

describe('--base-image', () => {
  it("marks the findings in the base image's layers and advises fixing the base", async () => {
    const all = await findings('--base-image', tag('base'));
    const lists = all.find((f) => f.ruleId === 'build-hygiene' && f.message.startsWith('apt package lists'))!;
    expect(lists.location).toMatchObject({ layer: 1, fromBaseImage: true });
    expect(lists.message).toContain(`they come from the base image ${tag('base')}`);
    expect(lists.message).not.toContain('end the RUN');
    const writable = all.find((f) => f.ruleId === 'world-writable')!;
    expect(writable.location).toMatchObject({ layer: 2, fromBaseImage: true });
    expect(writable.message).toContain(`it comes from the base image ${tag('base')}: fix it there or choose another base`);
    // The team's own layer is not the base's.
    const git = all.find((f) => f.ruleId === 'build-hygiene' && f.message.startsWith('git metadata'))!;
    expect(git.location.layer).toBe(3);
    expect(git.location.fromBaseImage).toBeUndefined();
  });

  it('without it, nothing is inferred for a base that did not arrive as a root filesystem', async () => {
    const all = await findings();
    expect(all.some((f) => f.location.fromBaseImage)).toBe(false);
    expect(all.find((f) => f.message.startsWith('apt package lists'))!.message).toContain('end the RUN');
  });

  it('a base image that cannot be found stops the run with exit 2, naming the flag', async () => {
    const result = await runCli(['check', '--base-image', 'imagegate-test/no-such-base:0', tag('app')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^imagegate: --base-image imagegate-test\/no-such-base:0: /m);
  });
});
