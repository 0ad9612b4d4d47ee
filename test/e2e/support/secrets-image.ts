// One busybox image with secrets in every kind of place a source must carry intact: a file deleted
// by a later layer, a file kept, and ENV. Tests that compare sources (engine, archives, layouts)
// build it to show each form yields the same findings.
import type { FakeSecrets } from './fake-secrets.js';
import type { BuildImageOptions } from './images.js';

export function secretsImage(secrets: FakeSecrets): BuildImageOptions {
  return {
    busybox: true,
    files: { 'app/.git-credentials': `https://ci:${secrets.githubToken}@github.com\n`, 'etc/app.env': `SLACK_TOKEN=${secrets.slackToken}\n` },
    dockerfile: [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
      'COPY app/ /app/',
      'COPY etc/ /etc/',
      'RUN rm /app/.git-credentials',
      `ENV GITHUB_TOKEN=${secrets.githubToken}`,
      'USER 10001',
    ].join('\n'),
  };
}
