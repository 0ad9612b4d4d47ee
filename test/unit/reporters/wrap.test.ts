import { describe, expect, it } from 'vitest';
import { reportWidth, shortStep, wrapWords } from '../../../src/reporters/wrap.js';

describe('wrapWords', () => {
  it('breaks between words, never inside one, within the width', () => {
    const text = 'no HEALTHCHECK; add e.g. HEALTHCHECK CMD ["/app/healthcheck"] so a hung container is restarted';
    const lines = wrapWords(text, 60, 26, 10);
    expect(lines.join(' ')).toBe(text);
    expect(26 + lines[0]!.length).toBeLessThanOrEqual(60);
    for (const line of lines.slice(1)) expect(10 + line.length).toBeLessThanOrEqual(60);
    expect(lines.every((line) => !line.startsWith(' ') && !line.endsWith(' '))).toBe(true);
  });

  it('cuts only a word wider than a whole line', () => {
    const digest = 'sha256:' + 'a'.repeat(64);
    const lines = wrapWords(`layer ${digest} done`, 40, 10, 10);
    expect(lines.join('').replace(/ /g, '')).toBe(`layer${digest}done`);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(30);
  });
});

describe('shortStep', () => {
  it('keeps where a COPY put its files and shortens the content digest', () => {
    const step = `COPY file:${'a9fc2fef'.repeat(8)} in /home/app/.aws/credentials`;
    const label = shortStep(step, 70);
    expect(label).toBe('COPY file:a9fc2fefa9fc… in /home/app/.aws/credentials');
  });

  it('drops the middle of a long RUN, keeping its start and end', () => {
    const label = shortStep(`RUN apt-get update && apt-get install -y ${'pkg '.repeat(40)}&& rm -rf /var/lib/apt/lists/*`, 70);
    expect(label).toHaveLength(70);
    expect(label.startsWith('RUN apt-get update')).toBe(true);
    expect(label.endsWith('rm -rf /var/lib/apt/lists/*')).toBe(true);
  });
});

describe('reportWidth', () => {
  it('is the terminal width, or 80 columns without a terminal', () => {
    expect(reportWidth({ isTTY: true, columns: 132 })).toBe(132);
    expect(reportWidth({ isTTY: false, columns: 132 })).toBe(80);
    expect(reportWidth({})).toBe(80);
  });
});
