// Error classes: names, causes and the one-issue-per-line ConfigError message.
import { describe, expect, it } from 'vitest';
import { ConfigError, ImagegateError, UsageError } from '../../../src/core/errors.js';

describe('errors', () => {
  it('sets name and keeps the cause', () => {
    const cause = new Error('root');
    const error = new UsageError('bad flag', { cause });
    expect(error).toBeInstanceOf(ImagegateError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('UsageError');
    expect(error.cause).toBe(cause);
    expect(new ImagegateError('x').name).toBe('ImagegateError');
  });

  it('ConfigError lists every issue on its own line and omits empty paths', () => {
    const error = new ConfigError([
      { file: 'policy.json', path: 'rules.healthcheck', message: 'bad' },
      { file: 'policy.json', path: '', message: 'invalid JSON' },
    ]);
    expect(error.name).toBe('ConfigError');
    expect(error.issues).toHaveLength(2);
    expect(error.message).toBe('policy.json: rules.healthcheck: bad\npolicy.json: invalid JSON');
  });
});
