import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createEngineClient } from '../../../src/sources/engine-client.js';
import * as lazy from '../../../src/sources/lazy-ssh2.js';

const require = createRequire(import.meta.url);
const modemRequire = createRequire(require.resolve('docker-modem'));

describe('lazy ssh2 for docker-modem', () => {
  it('does not load ssh2 for a unix-socket engine client', () => {
    createEngineClient({ socketPath: '/nonexistent/docker.sock' });
    expect(lazy.ssh2Loaded).toBe(false);
  });

  it('gives an ssh:// engine the real ssh2 Client on first use', () => {
    const sshAgent = modemRequire('./ssh.js') as (options: object) => { createConnection: unknown };
    const agent = sshAgent({ host: 'engine.invalid' });
    expect(typeof agent.createConnection).toBe('function');
    expect(lazy.ssh2Loaded).toBe(true);
  });
});
