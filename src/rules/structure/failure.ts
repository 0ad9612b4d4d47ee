// A failed structure assertion, before it becomes a finding: which assertion, what was expected, what was found.
export interface Failure {
  kind: 'METADATA_MISMATCH' | 'FILE_MISMATCH' | 'CONTENT_MISMATCH';
  /** e.g. assertions[0] ("web") metadata.entrypoint */
  assertion: string;
  expected: string;
  actual: string;
  path?: string;
  line?: number;
  layer?: number;
}

/** JSON for arrays and strings, so an empty string or a trailing space is visible in a message. */
export const show = (value: unknown): string => (value === undefined || value === null ? 'nothing' : JSON.stringify(value));
