/**
 * Real Chromium for browser tests, from the machine's packages (Playwright cannot download its
 * own here). Finds it through CHROME_PATH or /usr/bin/chromium; as root on Debian it installs the
 * `chromium` package and says so; anywhere else it fails naming the package. Never skips.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

function findChromium(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync('/etc/debian_version')) {
    console.warn('Chromium is missing: installing the Debian package "chromium" for the browser tests...');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  throw new Error(
    'Browser tests need Chromium. Install the "chromium" package (Debian/Ubuntu: apt-get install chromium) or set CHROME_PATH to a Chromium or Chrome binary.',
  );
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** WCAG 2.2 A and AA, as axe tags them. */
export const wcag22aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe on the page and returns its violations, summarised for a readable failure. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcag22aa).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}

/** Puts a signed-in session (cookies from a `CookieJar`) into a browser context for `baseUrl`. */
export async function addSessionCookies(
  context: BrowserContext,
  baseUrl: string,
  jar: { cookies: Map<string, string> },
): Promise<void> {
  await context.addCookies(
    [...jar.cookies].map(([name, value]) => ({
      name,
      value,
      domain: new URL(baseUrl).hostname,
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax' as const,
    })),
  );
}

/** Makes a context load no scripts: the pages as a browser without JavaScript sees them. */
export async function withoutScripts(context: BrowserContext): Promise<void> {
  await context.route('**/*', (route) =>
    route.request().resourceType() === 'script' ? route.abort() : route.continue(),
  );
}
