// The engine and registry sources of one run, created only when a reference needs them and shared
// by every reference that does (one engine connection, one token cache per registry).
import { DockerEngineSource } from './docker-engine.js';
import { RegistrySource } from './registry.js';
import type { ImageSource } from './source.js';
import type { TargetOptions } from './targets.js';

export interface SourceOptions {
  /** Registries (host or host:port) reached over plain HTTP; loopback hosts always are. */
  insecureHosts?: string[];
  /** Longest silence from an engine or registry before the image counts as unreadable. */
  timeoutMs?: number;
}

export function lazySources(options: SourceOptions = {}): TargetOptions {
  let engine: ImageSource | undefined;
  let registry: ImageSource | undefined;
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
