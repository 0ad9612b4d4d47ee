// Proves the e2e infrastructure works: the engine answers, a busybox image can
// be built from scratch without network, inspected and removed.
import { afterAll, describe, expect, it } from 'vitest';
import { buildImage, docker, imageExists, removeImage } from './support/images.js';

const TAG = `imagegate-test/smoke:${process.pid}`;

describe('e2e infrastructure', () => {
  afterAll(async () => {
    await removeImage(TAG);
  });

  it('builds, inspects and removes a busybox image', async () => {
    await buildImage(TAG, {
      busybox: true,
      files: { 'app/hello.txt': 'hello from imagegate\n' },
      dockerfile: [
        'FROM scratch',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
        'COPY app/ /app/',
        'ARG GREETING=hi',
        'RUN echo "$GREETING" > /app/greeting',
        'USER 1000',
        'CMD ["/bin/sh"]',
      ].join('\n'),
      buildArgs: { GREETING: 'hello' },
    });
    expect(await imageExists(TAG)).toBe(true);

    const { stdout } = await docker(['image', 'inspect', '--format', '{{.Config.User}}', TAG]);
    expect(stdout.trim()).toBe('1000');

    await removeImage(TAG);
    expect(await imageExists(TAG)).toBe(false);
    // removing again is not an error
    await removeImage(TAG);
  });
});
