// The engine and registry sources of one run, created only when a reference needs them and shared
// by every reference that does (one engine connection, one token cache per registry).
import { DockerEngineSource } from './docker-engine.js';
import { RegistrySource } from './registry.js';
import type { TargetOptions } from './targets.js';

export interface SourceOptions {
  /** Registries (host or host:port) reached over plain HTTP; loopback hosts always are. */
  insecureHosts?: string[];
  /** Longest silence from an engine or registry before the image counts as unreadable. */
  timeoutMs?: number;
}

/** The sources as they are, so a fleet audit lists images through the same engine connection and registry clients it checks with. */
export interface RunSources extends TargetOptions {
  engine: () => DockerEngineSource;
  registry: () => RegistrySource;
}

export function lazySources(options: SourceOptions = {}): RunSources {
  let engine: DockerEngineSource | undefined;
  let registry: RegistrySource | undefined;
  const timeout = options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {};
  return {
    engine: () => (engine ??= new DockerEngineSource(timeout)),
    registry: () =>
      (registry ??= new RegistrySource({
        insecureHosts: options.insecureHosts ?? [],
        ...(options.timeoutMs !== undefined ? { timeoutSeconds: options.timeoutMs / 1000 } : {}),
      })),
  };
}
