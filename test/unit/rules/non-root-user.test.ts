import { describe, expect, it } from 'vitest';
import { checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar } from '../support/image-builder.js';

const passwd = 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\ntoor:x:0:0:alias:/root:/bin/sh\n';

async function userFindings(user: string, layers?: Buffer[]) {
  const built = await classicSaveArchive(layers ?? [await layerTar([{ path: 'etc/passwd', content: passwd }])], { user });
  const report = await checkMemoryImage(built, { only: ['non-root-user'] });
  expect(report.error).toBeUndefined();
  return report.findings.map((finding) => finding.messageId);
}

describe('non-root-user', () => {
  it.each(['1000', '1000:1000', 'app', 'app:app', '65534', '1000:0'])('passes USER %s', async (user) => {
    expect(await userFindings(user)).toEqual([]);
  });

  it.each([
    ['', 'USER_UNSET'],
    ['root', 'ROOT_USER'],
    ['0', 'ROOT_USER'],
    ['0:0', 'ROOT_USER'],
    ['root:root', 'ROOT_USER'],
    ['0000', 'ROOT_USER'],
    ['toor', 'USER_MAPS_TO_ROOT'],
    ['toor:toor', 'USER_MAPS_TO_ROOT'],
    ['ghost', 'USER_UNRESOLVABLE'],
  ])('fails USER "%s" with %s', async (user, messageId) => {
    expect(await userFindings(user)).toEqual([messageId]);
  });

  it('reads the passwd of the final filesystem, not an earlier layer', async () => {
    const layers = [
      await layerTar([{ path: 'etc/passwd', content: 'svc:x:1000:1000::/:/bin/sh\n' }]),
      await layerTar([{ path: 'etc/passwd', content: 'svc:x:0:0::/:/bin/sh\n' }]),
    ];
    expect(await userFindings('svc', layers)).toEqual(['USER_MAPS_TO_ROOT']);
  });

  it('cannot resolve a name when /etc/passwd was deleted or is a symlink loop', async () => {
    const deleted = [await layerTar([{ path: 'etc/passwd', content: passwd }]), await layerTar([{ path: 'etc/.wh.passwd', content: '' }])];
    expect(await userFindings('app', deleted)).toEqual(['USER_UNRESOLVABLE']);
    const loop = [await layerTar([{ path: 'etc/passwd', type: 'symlink', linkname: 'passwd' }])];
    expect(await userFindings('app', loop)).toEqual(['USER_UNRESOLVABLE']);
  });

  it('a numeric UID needs no passwd entry', async () => {
    expect(await userFindings('4242', [await layerTar([{ path: 'app/x', content: 'x' }])])).toEqual([]);
  });
});
