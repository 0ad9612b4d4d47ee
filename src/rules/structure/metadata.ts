// Checks the image config against a metadata assertion (container-structure-test's metadataTest).
import type { ContainerConfig, ImageConfig } from '../../image/image-config.js';
import type { KeyedMatcher, MetadataAssertion, ValueMatcher } from '../../config/structure-assertions.js';
import { show, type Failure } from './failure.js';

/** What the engine uses when HEALTHCHECK leaves a field unset (0 in the config). */
const HEALTH_DEFAULTS = { Interval: 30e9, Timeout: 30e9, StartPeriod: 0, Retries: 3 };

export function checkMetadata(config: ImageConfig, spec: MetadataAssertion, name: string): Failure[] {
  const c: ContainerConfig = config.config ?? {};
  const failures: Failure[] = [];
  const fail = (field: string, expected: string, actual: string): void =>
    void failures.push({ kind: 'METADATA_MISMATCH', assertion: `${name} metadata.${field}`, expected, actual });
  const value = (field: string, matcher: ValueMatcher | undefined, actual: string | undefined): void => {
    if (matcher !== undefined && !matches(matcher, actual ?? '')) fail(field, describe(matcher), show(actual ?? ''));
  };
  for (const [field, actual] of [
    ['entrypoint', c.Entrypoint],
    ['cmd', c.Cmd],
  ] as const) {
    const matcher = spec[field];
    if (matcher === undefined) continue;
    const words = actual ?? [];
    const ok = Array.isArray(matcher) ? JSON.stringify(matcher) === JSON.stringify(words) : new RegExp(matcher.pattern, 'u').test(words.join(' '));
    if (!ok) fail(field, Array.isArray(matcher) ? show(matcher) : describe(matcher), show(words));
  }
  value('workdir', spec.workdir, c.WorkingDir);
  value('user', spec.user, c.User);
  value('stopSignal', spec.stopSignal, c.StopSignal);

  const ports = Object.keys(c.ExposedPorts ?? {});
  const port = (written: string): string => (written.includes('/') ? written : `${written}/tcp`);
  for (const wanted of spec.exposedPorts ?? []) if (!ports.includes(port(wanted))) fail('exposedPorts', `${port(wanted)} exposed`, show(ports));
  for (const unwanted of spec.unexposedPorts ?? [])
    if (ports.includes(port(unwanted))) fail('unexposedPorts', `${port(unwanted)} not exposed`, show(ports));
  const volumes = Object.keys(c.Volumes ?? {});
  for (const wanted of spec.volumes ?? []) if (!volumes.includes(wanted)) fail('volumes', `VOLUME ${wanted}`, show(volumes));
  for (const unwanted of spec.unmountedVolumes ?? [])
    if (volumes.includes(unwanted)) fail('unmountedVolumes', `no VOLUME ${unwanted}`, show(volumes));

  const env = new Map((c.Env ?? []).map((entry) => [entry.slice(0, entry.indexOf('=') >>> 0), entry.slice((entry.indexOf('=') >>> 0) + 1)]));
  for (const [key, matcher] of Object.entries(spec.env ?? {})) keyed(`env.${key}`, matcher, env.get(key), fail);
  const labels = c.Labels ?? {};
  for (const [key, matcher] of Object.entries(spec.labels ?? {}))
    keyed(`labels.${key}`, matcher, Object.hasOwn(labels, key) ? labels[key] : undefined, fail);

  const health = spec.healthcheck;
  if (health) {
    const h = c.Healthcheck ?? {};
    const test = h.Test ?? [];
    const declared = test.length > 0 && test[0] !== 'NONE' && test.slice(1).some((part) => part.trim() !== '');
    if (health.required && !declared) fail('healthcheck.required', 'a HEALTHCHECK', test[0] === 'NONE' ? 'HEALTHCHECK NONE' : 'none');
    const effective = (field: keyof typeof HEALTH_DEFAULTS): number => (h[field] ? h[field] : HEALTH_DEFAULTS[field]);
    const seconds = (ns: number): string => `${ns / 1e9}s`;
    const bound = (field: string, actual: number, limit: number | undefined, max: boolean, format: (n: number) => string): void => {
      if (limit === undefined || !declared) return;
      if (max ? actual > limit : actual < limit) fail(`healthcheck.${field}`, `${max ? '≤' : '≥'} ${format(limit)}`, format(actual));
    };
    bound('maxTimeout', effective('Timeout'), health.maxTimeout, true, seconds);
    bound('maxInterval', effective('Interval'), health.maxInterval, true, seconds);
    bound('minInterval', effective('Interval'), health.minInterval, false, seconds);
    bound('maxStartPeriod', effective('StartPeriod'), health.maxStartPeriod, true, seconds);
    bound('minRetries', effective('Retries'), health.minRetries, false, String);
    bound('maxRetries', effective('Retries'), health.maxRetries, true, String);
  }
  return failures;
}

function keyed(
  field: string,
  matcher: KeyedMatcher,
  actual: string | undefined,
  fail: (field: string, expected: string, actual: string) => void,
): void {
  if (typeof matcher === 'object' && 'absent' in matcher) {
    if (actual !== undefined) fail(field, 'not set', show(actual));
  } else if (typeof matcher === 'object' && 'present' in matcher) {
    if (actual === undefined) fail(field, 'set', 'not set');
  } else if (actual === undefined || !matches(matcher, actual)) {
    fail(field, describe(matcher), actual === undefined ? 'not set' : show(actual));
  }
}

function matches(matcher: ValueMatcher, actual: string): boolean {
  return typeof matcher === 'string' ? matcher === actual : new RegExp(matcher.pattern, 'u').test(actual);
}

function describe(matcher: ValueMatcher | { pattern: string }): string {
  return typeof matcher === 'string' ? show(matcher) : `a match for /${matcher.pattern}/`;
}
