// The HTML report on a hostile in-memory image: everything from the image is escaped, the page
// states a strict CSP whose hashes match its own style and script, and the data block cannot
// close itself. (test/e2e/html-report.test.ts opens such a report in Chromium.)
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { summarize } from '../../../src/engine/run-checks.js';
import type { Report } from '../../../src/engine/report.js';
import { formatHtml } from '../../../src/reporters/html/index.js';
import { escapeHtml, jsonForScript } from '../../../src/reporters/html/escape.js';
import { checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar } from '../support/image-builder.js';

const SCRIPT = '<script>window.__xss=1</script>';
const IMG = '"><img src=x onerror=window.__xss=1>';
const JS_URL = 'javascript:window.__xss=1';
let page: string;
let report: Report;

beforeAll(async () => {
  const built = await classicSaveArchive(
    [
      await layerTar([
        { path: `app/${SCRIPT}/x`, content: 'a'.repeat(5000) },
        { path: `app/${IMG}`, content: 'b'.repeat(4000) },
        { path: `app/${JS_URL}`, content: 'c'.repeat(3000) },
        { path: 'app/\u2028line', content: 'd' },
      ]),
    ],
    {
      env: ['PATH=/bin', `EVIL=${IMG}`],
      labels: { evil: SCRIPT, 'org.opencontainers.image.source': JS_URL },
      history: [{ created_by: `/bin/sh -c echo '${SCRIPT}${IMG}'` }],
    },
  );
  const image = await checkMemoryImage(built, { policy: {}, budgets: { budgets: [{ image: '*', maxSize: '1KB' }] }, reference: 'example.com/app:1' });
  report = { version: 1, tool: { name: 'imagegate', version: '0.0.0-test' }, rules: [], images: [image], summary: summarize([image], 'error') };
  page = formatHtml(report);
});

describe('html report', () => {
  it('escapes every string from the image: no markup of its own reaches the page', () => {
    expect(page).not.toContain('<img');
    expect(page).not.toContain(SCRIPT);
    expect(page.match(/<script/g)).toHaveLength(2); // the data block and the page's own script
    expect(page).toContain(escapeHtml(IMG));
    expect(page).not.toMatch(/href="javascript:/i);
  });

  it('states a CSP that allows only its own style and script, by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!.replace(/&#39;/g, "'");
    expect(csp).toContain("default-src 'none'");
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const digest = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toContain(`script-src ${digest(script)}`);
    expect(csp).toContain(`style-src ${digest(style)}`);
    expect(csp).not.toContain('unsafe');
  });

  it('keeps the data block closed and parseable whatever the strings hold', () => {
    const text = `${SCRIPT}</script><!-- & \u2028\u2029`;
    const encoded = jsonForScript({ text });
    expect(encoded).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(encoded)).toEqual({ text });
    const block = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(page)![1]!;
    const data = JSON.parse(block) as { findings: { rule: string }[] };
    expect(data.findings.length).toBe(report.images[0]!.findings.length);
  });

  it('draws the layer bar and the directory icicle, and lists findings with layer and path', () => {
    expect(page).toContain('class="icicle"');
    expect(page).toMatch(/<td><code>size-budget<\/code><\/td>/);
    expect(page).toContain(escapeHtml(`/app/${IMG}`));
  });
});
