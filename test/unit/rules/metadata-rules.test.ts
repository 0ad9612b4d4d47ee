import { describe, expect, it } from 'vitest';
import { checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar, type ConfigSpec } from '../support/image-builder.js';

async function findings(rule: string, spec: ConfigSpec, policy?: object) {
  const built = await classicSaveArchive([await layerTar([{ path: 'app/x', content: 'x' }])], spec);
  const report = await checkMemoryImage(built, policy ? { policy } : { only: [rule] });
  expect(report.error).toBeUndefined();
  return report.findings.filter((finding) => finding.ruleId === rule).map((finding) => finding.messageId);
}

const labels = { 'org.opencontainers.image.version': '1.2.3', 'org.opencontainers.image.source': 'https://example.com/repo' };

describe('oci-labels', () => {
  it('passes with both default labels', async () => {
    expect(await findings('oci-labels', { labels })).toEqual([]);
  });
  it('reports each missing or empty label', async () => {
    expect(await findings('oci-labels', {})).toEqual(['MISSING_LABEL', 'MISSING_LABEL']);
    expect(await findings('oci-labels', { labels: { ...labels, 'org.opencontainers.image.version': '  ' } })).toEqual(['MISSING_LABEL']);
  });
  it('checks a value against the policy pattern', async () => {
    const policy = {
      rules: { 'oci-labels': { options: { required: [{ name: 'org.opencontainers.image.source', pattern: '^https://github\\.com/' }] } } },
    };
    expect(await findings('oci-labels', { labels }, policy)).toEqual(['LABEL_MISMATCH']);
  });
});

describe('healthcheck', () => {
  it('passes with a command', async () => {
    expect(await findings('healthcheck', { healthcheck: ['CMD', '/app/health'] })).toEqual([]);
    expect(await findings('healthcheck', { healthcheck: ['CMD-SHELL', 'wget -q localhost'] })).toEqual([]);
  });
  it('fails when missing, empty or NONE', async () => {
    expect(await findings('healthcheck', {})).toEqual(['MISSING_HEALTHCHECK']);
    expect(await findings('healthcheck', { healthcheck: ['CMD-SHELL', ''] })).toEqual(['MISSING_HEALTHCHECK']);
    expect(await findings('healthcheck', { healthcheck: ['NONE'] })).toEqual(['HEALTHCHECK_DISABLED']);
  });
});
