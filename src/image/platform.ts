// Platforms as users write them (--platform linux/arm64/v8) and as indexes describe them.
import { UsageError } from '../core/errors.js';
import { ImagegateError } from '../core/errors.js';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string | undefined;
}

/** The index has no image for the requested platform: exit 2, listing what it has. */
export class PlatformNotFoundError extends ImagegateError {}

const NODE_ARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
};

/** The platform this process runs on, in OCI terms (linux/amd64 on an x86-64 Linux runner). */
export function hostPlatform(): Platform {
  const architecture = NODE_ARCH[process.arch] ?? process.arch;
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  return architecture === 'arm' ? { os, architecture, variant: 'v7' } : { os, architecture };
}

export function parsePlatform(text: string): Platform {
  const parts = text.trim().toLowerCase().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => !/^[a-z0-9._-]+$/.test(part))) {
    throw new UsageError(`--platform must look like os/arch or os/arch/variant (e.g. linux/amd64, linux/arm64/v8); got "${text}"`);
  }
  return { os: parts[0]!, architecture: parts[1]!, variant: parts[2] };
}

export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/**
 * Does an index entry serve the wanted platform? A wanted variant must match exactly; without
 * one, any variant does, except that arm64 prefers entries with no variant or v8 (as containerd does).
 */
export function matchesPlatform(candidate: Platform, wanted: Platform): boolean {
  if (candidate.os !== wanted.os || candidate.architecture !== wanted.architecture) return false;
  if (wanted.variant) return (candidate.variant ?? defaultVariant(candidate.architecture)) === wanted.variant;
  return candidate.architecture !== 'arm64' || !candidate.variant || candidate.variant === 'v8';
}

function defaultVariant(architecture: string): string | undefined {
  return architecture === 'arm64' ? 'v8' : undefined;
}
