// Turns an image's config into structure assertions (`imagegate init --from`), so a team starts from
// what it ships today. Env and label values are not copied: they may hold credentials, and labels
// such as a version change with every build; the assertion only says the key is set.
import type { ContainerConfig, ImageConfig } from '../image/image-config.js';

export function metadataAssertions(config: ImageConfig): Record<string, unknown> {
  const c: ContainerConfig = config.config ?? {};
  const metadata: Record<string, unknown> = {};
  if (c.Entrypoint?.length) metadata.entrypoint = c.Entrypoint;
  if (c.Cmd?.length) metadata.cmd = c.Cmd;
  if (c.WorkingDir) metadata.workdir = c.WorkingDir;
  metadata.user = c.User ?? '';
  if (c.StopSignal) metadata.stopSignal = c.StopSignal;
  const ports = Object.keys(c.ExposedPorts ?? {}).sort();
  if (ports.length) metadata.exposedPorts = ports;
  const volumes = Object.keys(c.Volumes ?? {}).sort();
  if (volumes.length) metadata.volumes = volumes;
  const env = (c.Env ?? [])
    .map((entry) => entry.split('=')[0]!)
    .filter(Boolean)
    .sort();
  if (env.length) metadata.env = Object.fromEntries(env.map((key) => [key, { present: true }]));
  const labels = Object.keys(c.Labels ?? {}).sort();
  if (labels.length) metadata.labels = Object.fromEntries(labels.map((key) => [key, { present: true }]));
  const test = c.Healthcheck?.Test ?? [];
  if (test.length > 0 && test[0] !== 'NONE') {
    // Today's values (engine defaults when unset), so the gate starts green; docs/hardening.md suggests tightening the timeout to 10s.
    metadata.healthcheck = { required: true, maxTimeout: `${(c.Healthcheck?.Timeout || 30e9) / 1e9}s`, minRetries: c.Healthcheck?.Retries || 3 };
  }
  return metadata;
}
