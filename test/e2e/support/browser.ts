// Debian's Chromium driven by playwright-core, for tests that open the HTML report. The flags keep
// the browser off the network (this closed network refuses its background connections) and away
// from the host's profile: a fresh user-data directory each launch.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'imagegate-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** What a page did while it loaded and ran: console errors, requests other than its own file, CSP violations. */
export interface PageWatch {
  page: Page;
  consoleErrors: string[];
  requests: string[];
  cspViolations: () => Promise<string[]>;
}

export async function openWatched(browser: Browser, url: string, viewport?: { width: number; height: number }): Promise<PageWatch> {
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => void (message.type() === 'error' && consoleErrors.push(message.text())));
  page.on('pageerror', (error) => void consoleErrors.push(error.message));
  page.on('request', (request) => void (request.url() !== url && requests.push(request.url())));
  // Runs before the page's own code, outside its CSP: records every violation the page causes.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => void seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    consoleErrors,
    requests,
    cspViolations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
  };
}
