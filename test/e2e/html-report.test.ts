// The HTML report and the attestation on images built here, the report opened in Debian's Chromium:
// it loads with no console error and no request, its filters and sorting and zoom work, and an image
// whose file names, labels, env and history carry markup and javascript: strings executes nothing.
// One browser for the whole file. With IMAGEGATE_SCREENSHOT_DIR set, screenshots are kept there.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { launchBrowser, openWatched, type Browser } from './support/browser.js';
import { fakeSecrets } from './support/fake-secrets.js';
import { buildImage, removeImage, runCli } from './support/images.js';

const run = `${process.pid}`;
const tag = (name: string): string => `imagegate-test/html-${name}:${run}`;
const BASE = ['FROM scratch', 'COPY busybox /bin/busybox', 'RUN ["/bin/busybox", "--install", "-s", "/bin"]'];
const PAYLOADS = ['<script>window.__xss=1</script>', '"><img src=x onerror=window.__xss=1>', 'javascript:window.__xss=1'];
const secrets = fakeSecrets();
let work: string;
let browser: Browser;
let reportFile: string;
let report: Report;
let attestFile: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'imagegate-html-'));
  await buildImage(tag('app'), {
    busybox: true,
    files: { 'app/config.env': `GITHUB_TOKEN=${secrets.githubToken}\n` },
    dockerfile: [
      ...BASE,
      'RUN mkdir -p /usr/share/app/data /opt/tool /tmp && dd if=/dev/zero of=/usr/share/app/data/blob bs=100000 count=20 2>/dev/null && cp /bin/busybox /opt/tool/bin && dd if=/dev/zero of=/tmp/cache.bin bs=100000 count=8 2>/dev/null',
      'RUN rm /tmp/cache.bin',
      'COPY app/ /app/',
      'LABEL org.opencontainers.image.version="1.0"',
      'USER 10001',
    ].join('\n'),
  });
  await buildImage(tag('wasteful'), {
    busybox: true,
    dockerfile: [
      ...BASE,
      'RUN mkdir -p /data && dd if=/dev/zero of=/data/big.bin bs=1000000 count=3 2>/dev/null',
      'RUN rm /data/big.bin',
      'USER 10001',
      'HEALTHCHECK CMD true',
    ].join('\n'),
  });
  await buildImage(tag('hostile'), {
    busybox: true,
    files: {
      [`hostile/${PAYLOADS[1]}`]: 'x'.repeat(2000),
      [`hostile/${PAYLOADS[2]}`]: 'y'.repeat(1000),
      'hostile/<svg onload=window.__xss=1>/f': 'z',
    },
    dockerfile: [
      ...BASE,
      `LABEL evil="${PAYLOADS[0]}" link="${PAYLOADS[2]}"`,
      `ENV EVIL="\\"><img src=x onerror=window.__xss=1>"`,
      'COPY hostile/ /app/',
      `RUN echo '${PAYLOADS[0]}${PAYLOADS[1]}' > /app/note`,
    ].join('\n'),
  });
  const budgets = join(work, 'budgets.json');
  await writeFile(budgets, JSON.stringify({ budgets: [{ image: '*', maxSize: '3MB', maxWasted: '1MB' }] }));
  reportFile = join(work, 'report.html');
  attestFile = join(work, 'attest.jsonl');
  execFileSync('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', join(work, 'key.pem')]);
  execFileSync('openssl', ['pkey', '-in', join(work, 'key.pem'), '-pubout', '-out', join(work, 'key.pub')]);
  const result = await runCli([
    'check',
    '--format',
    'json',
    '--budgets',
    budgets,
    '--report',
    `html=${reportFile}`,
    '--attest',
    attestFile,
    '--attest-key',
    join(work, 'key.pem'),
    tag('app'),
    tag('wasteful'),
    tag('hostile'),
  ]);
  expect(result.code, result.stderr).toBe(1);
  report = JSON.parse(result.stdout) as Report;
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  for (const name of ['app', 'wasteful', 'hostile']) await removeImage(tag(name));
  await rm(work, { recursive: true, force: true });
});

async function keep(file: string, name: string): Promise<void> {
  const dir = process.env.IMAGEGATE_SCREENSHOT_DIR;
  if (dir) await copyFile(file, join(dir, name));
}

describe('html report in Chromium', () => {
  it('loads with no console error, no network request and no CSP violation; the payloads execute nothing', async () => {
    const url = pathToFileURL(reportFile).href;
    const watch = await openWatched(browser, url);
    const { page } = watch;
    expect(await page.title()).toContain('imagegate');
    expect(await page.locator('svg.icicle').count()).toBe(3);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    const html = await readFile(reportFile, 'utf8');
    expect(html).not.toContain(secrets.githubToken);
    expect(await page.getByText(PAYLOADS[1]!, { exact: false }).count()).toBeGreaterThan(0); // shown as text
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.requests).toEqual([]);
    expect(await watch.cspViolations()).toEqual([]);
    await page.close();
  });

  it('filters and sorts the findings, zooms the icicle by keyboard, and takes screenshots', async () => {
    const url = pathToFileURL(reportFile).href;
    const { page, consoleErrors } = await openWatched(browser, url);
    const rows = page.locator('#all-findings tbody tr');
    const total = report.images.reduce((sum, image) => sum + image.findings.length, 0);
    expect(await rows.count()).toBe(total);
    const visible = () => page.locator('#all-findings tbody tr:not([hidden])').count();
    expect(await visible()).toBe(total);
    const summaryShot = join(work, 'summary.png');
    await page.locator('#summary').screenshot({ path: summaryShot });
    await keep(summaryShot, 'report-screenshot.png');

    const hostile = report.images[2]!;
    const hostileTitle = `${hostile.reference} (${hostile.platform})`;
    await page.selectOption('#filter-image', hostileTitle);
    expect(await visible()).toBe(hostile.findings.length);
    expect(await page.locator('section#image-0').isHidden()).toBe(true);
    expect(await page.locator('section#image-2').isVisible()).toBe(true);
    await page.selectOption('#filter-image', '');
    // The least common severity present, so the filter visibly narrows the table.
    const all = report.images.flatMap((image) => image.findings);
    const [severity] = (['info', 'warning', 'error'] as const).filter((s) => all.some((f) => f.severity === s));
    await page.selectOption('#filter-severity', severity!);
    expect(await visible()).toBe(all.filter((f) => f.severity === severity).length);
    await page.selectOption('#filter-severity', '');
    await page.selectOption('#filter-rule', 'size-budget');
    expect(await visible()).toBe(report.images.flatMap((image) => image.findings).filter((f) => f.ruleId === 'size-budget').length);
    await page.selectOption('#filter-rule', '');

    await page.locator('#all-findings th', { hasText: 'rule' }).getByRole('button').click();
    const rules = await page.locator('#all-findings tbody tr td:nth-child(2)').allTextContents();
    expect(rules).toEqual([...rules].sort((a, b) => a.localeCompare(b)));

    const imageShot = join(work, 'image.png');
    await page.locator('#image-0').screenshot({ path: imageShot });
    await keep(imageShot, 'report-image-screenshot.png');
    const icicle = page.locator('#image-0 svg.icicle');
    const before = await icicle.getAttribute('viewBox');
    const usr = page.locator('#image-0 svg.icicle g.zoomable[data-depth="1"]').first();
    await usr.focus();
    await page.keyboard.press('Enter');
    expect(await icicle.getAttribute('viewBox')).not.toBe(before);
    expect(await page.locator('#image-0 svg.icicle g.zoomable[display="none"]').count()).toBeGreaterThan(0);

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 390, height: 844 });
    const phoneShot = join(work, 'phone.png');
    await page.screenshot({ path: phoneShot });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('reads without JavaScript: the tables and pictures are in the page itself', async () => {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await page.goto(pathToFileURL(reportFile).href);
    const total = report.images.reduce((sum, image) => sum + image.findings.length, 0);
    expect(await page.locator('#all-findings tbody tr:visible').count()).toBe(total);
    expect(await page.locator('svg.icicle').count()).toBe(3);
    expect(await page.locator('#filter-image').count()).toBe(0); // the script builds the filters
    await page.close();
  });

  it('imagegate size --format html renders the size view of an image', async () => {
    const result = await runCli(['size', '--format', 'html', tag('wasteful')]);
    expect(result.code, result.stderr).toBe(0);
    const file = join(work, 'size.html');
    await writeFile(file, result.stdout);
    const url = pathToFileURL(file).href;
    const watch = await openWatched(browser, url);
    expect(await watch.page.locator('svg.icicle').count()).toBe(1);
    expect(await watch.page.locator('#image-0 table').first().textContent()).toContain('RUN rm /data/big.bin');
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.requests).toEqual([]);
    await watch.page.close();
  });
});

describe('attestation of the checked images', () => {
  it('verifies with the public key, fails once altered (exit 1), and cannot read a missing file (exit 2)', async () => {
    const ok = await runCli(['verify-attestation', '--key', join(work, 'key.pub'), attestFile]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(3);
    for (const image of report.images) expect(ok.stdout).toContain(`${image.normalizedReference}@${image.digest}`);

    const [first, ...rest] = (await readFile(attestFile, 'utf8')).trim().split('\n');
    const envelope = JSON.parse(first!) as { payload: string };
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as { predicate: { verificationResult: string } };
    statement.predicate.verificationResult = 'PASSED';
    const tampered = join(work, 'tampered.jsonl');
    await writeFile(
      tampered,
      [JSON.stringify({ ...envelope, payload: Buffer.from(JSON.stringify(statement)).toString('base64') }), ...rest].join('\n'),
    );
    const bad = await runCli(['verify-attestation', '--key', join(work, 'key.pub'), tampered]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('INVALID');

    const missing = await runCli(['verify-attestation', '--key', join(work, 'key.pub'), join(work, 'nope.jsonl')]);
    expect(missing.code).toBe(2);
  });
});
