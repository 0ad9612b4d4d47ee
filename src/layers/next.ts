// tar-stream's "next entry" callback, and a guard so only Error objects travel through it.
export type Next = (error?: Error | null) => void;

export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
