import { describe, expect, it } from 'vitest';
import { checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar, type ConfigSpec } from '../support/image-builder.js';
import { fake } from '../secrets/fixtures.js';

// Fake, assembled at run time (a seeded body: typed filler such as FAKEFAKE… is not a finding).
const npmToken = fake.npm();
const awsSecret = fake.awsSecret();

async function secretFindings(spec: ConfigSpec) {
  const built = await classicSaveArchive([await layerTar([{ path: 'app/x', content: 'x' }])], spec);
  const report = await checkMemoryImage(built, { only: ['secret-history', 'secret-env'] });
  expect(report.error).toBeUndefined();
  return report.findings.map((f) => ({ rule: f.ruleId, id: f.messageId, message: f.message, step: f.location.historyIndex }));
}

describe('secret-history', () => {
  it('reports a build arg once, naming every step that recorded it', async () => {
    const findings = await secretFindings({
      history: [
        { created_by: '/bin/sh -c #(nop) COPY file:abc in /app/x' },
        { created_by: '/bin/sh -c #(nop)  ARG NPM_TOKEN', empty_layer: true },
        { created_by: `|1 NPM_TOKEN=${npmToken} /bin/sh -c npm ci`, empty_layer: true },
        { created_by: `|1 NPM_TOKEN=${npmToken} /bin/sh -c npm run build`, empty_layer: true },
      ],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'secret-history', id: 'SECRET_IN_BUILD_ARG', step: 2 });
    expect(findings[0]?.message).toContain('build arg NPM_TOKEN, recorded in history steps 2, 3:');
    expect(findings[0]?.message).not.toContain(npmToken);
  });

  it('reports passwords typed into RUN commands, and not their $VAR forms', async () => {
    const password = `Zt8q-${fake.npm().slice(4, 14)}`;
    const findings = await secretFindings({
      history: [
        { created_by: `/bin/sh -c curl -fsSL -u deploy:${password} https://repo.corp.lan/a.tgz | tar -xz` },
        { created_by: '/bin/sh -c mysql -uroot -p"$DB_ROOT_PASSWORD" app < /schema.sql' },
        { created_by: `/bin/sh -c docker login -u ci -p ${password}x registry.corp.lan && docker pull x` },
      ],
    });
    expect(findings.map((f) => [f.id, f.step])).toEqual([
      ['SECRET_IN_HISTORY', 0],
      ['SECRET_IN_HISTORY', 2],
    ]);
    expect(findings[0]?.message).toContain('Password in a curl -u option');
    expect(findings[1]?.message).toContain('Password on a command line');
    for (const f of findings) expect(f.message).not.toContain(password);
  });

  it('leaves an ENV step whose value the config still carries to secret-env', async () => {
    const findings = await secretFindings({
      env: [`AWS_SECRET_ACCESS_KEY=${awsSecret}`],
      history: [
        { created_by: '/bin/sh -c #(nop) COPY file:abc in /app/x' },
        { created_by: `/bin/sh -c #(nop)  ENV AWS_SECRET_ACCESS_KEY=${awsSecret}`, empty_layer: true },
      ],
    });
    expect(findings.map((f) => `${f.rule}/${f.id}`)).toEqual(['secret-env/SECRET_IN_ENV']);
  });

  it('reports an ENV value that a later step overwrote: only the history still has it', async () => {
    const findings = await secretFindings({
      env: ['AWS_SECRET_ACCESS_KEY='],
      history: [
        { created_by: '/bin/sh -c #(nop) COPY file:abc in /app/x' },
        { created_by: `/bin/sh -c #(nop)  ENV AWS_SECRET_ACCESS_KEY=${awsSecret}`, empty_layer: true },
        { created_by: '/bin/sh -c #(nop)  ENV AWS_SECRET_ACCESS_KEY=', empty_layer: true },
      ],
    });
    expect(findings.map((f) => `${f.rule}/${f.id}/${String(f.step)}`)).toEqual(['secret-history/SECRET_IN_HISTORY/1']);
  });
});
