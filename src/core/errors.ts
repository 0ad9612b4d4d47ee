// Error classes shared by the CLI: the exit code and output format depend on which one is thrown.

/** Base class so the CLI can tell its own, expected failures from bugs (which keep their stack trace). */
export class ImagegateError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // new.target keeps the subclass name ("UsageError", "ConfigError") without every subclass repeating it.
    this.name = new.target.name;
  }
}

/** The user asked for something that cannot work: bad flag value, malformed image reference, … */
export class UsageError extends ImagegateError {}

/** One problem in a configuration file; `path` is '' when the problem concerns the whole document. */
export interface ConfigIssue {
  file: string;
  path: string;
  message: string;
}

/** Formats one issue as `<file>: <path>: <message>`, leaving out the path for document-level problems. */
export function formatConfigIssue(issue: ConfigIssue): string {
  return issue.path === '' ? `${issue.file}: ${issue.message}` : `${issue.file}: ${issue.path}: ${issue.message}`;
}

/**
 * A configuration file is invalid. Carries every issue found, not just the first, so a user fixes the
 * file in one round trip instead of one CI run per mistake.
 */
export class ConfigError extends ImagegateError {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[], options?: { cause?: unknown }) {
    super(issues.map(formatConfigIssue).join('\n'), options);
    this.issues = issues;
  }
}
