/**
 * Headless Chromium for the browser tests: Debian's `chromium` (CHROMIUM_PATH to use another), driven by
 * playwright-core, which downloads no browser of its own. Screenshots go to test-artifacts/screenshots.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';

/** The little of the DOM that code run inside pages uses (the tests' tsconfig has no DOM types). */
export interface PageElement {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
}
/** See {@link PageElement}. */
export interface PageGlobals {
  readonly document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
    readonly documentElement: PageElement;
    readonly body: PageElement;
    addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string; blockedURI: string }) => void): void;
  };
  readonly window: {
    sanctionsExplorer?: {
      positionOf(id: string): { x: number; y: number } | null;
      midpointOf(id: string): { x: number; y: number } | null;
    };
    cspViolations?: string[];
    shifts?: number[];
  };
  readonly performance: {
    getEntriesByName(name: string): { startTime: number }[];
    getEntriesByType(type: string): { name: string; encodedBodySize?: number }[];
  };
  getComputedStyle(element: PageElement): { color: string; backgroundColor: string };
  readonly PerformanceObserver: new (callback: (list: { getEntries(): { value?: number }[] }) => void) => {
    observe(options: { type: string; buffered: boolean }): void;
  };
}

/** The page's globals, typed; only to be used inside functions that run in the page. */
export const inPage = globalThis as unknown as PageGlobals;

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-artifacts', 'screenshots');

/**
 * Chromium as root on a machine with a closed network: no sandbox, no background connections, WebGL on
 * SwiftShader (the graph is drawn with WebGL).
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--enable-unsafe-swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** What a page reported that a test should fail on: uncaught errors, console errors, CSP violations. */
export interface PageProblems {
  readonly errors: string[];
  readonly violations: string[];
}

/** A new page at 1400x860 that records its problems; CSP violations are collected in the page itself. */
export async function openPage(browser: Browser): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems: PageProblems = { errors: [], violations: [] };
  page.on('pageerror', (error) => problems.errors.push(error.message));
  page.on('console', (message) => {
    // SwiftShader's performance notes are not the page's fault.
    if (message.type() === 'error' && !message.text().includes('GL Driver Message')) problems.errors.push(message.text());
  });
  await page.addInitScript(() => {
    const { document, window } = globalThis as unknown as PageGlobals;
    const seen: string[] = [];
    window.cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return { page, problems };
}

/** The CSP violations a page collected so far. */
export async function violationsOf(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).window.cspViolations ?? []);
}

/** Saves a screenshot of the page as test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Builds the web pages unless web/dist already holds a build of the current sources. */
export function buildWebPages(): void {
  execFileSync(process.execPath, [path.resolve('node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/build-web.ts', '--if-stale'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
