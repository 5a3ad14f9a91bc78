// What every browser test of the page shares: Debian's Chromium through
// playwright-core, a real `vigie serve` on a free loopback port, and the
// checks that read the page the way a person sees it.
// A test: `const h = await Harness.start(vigie, db, out)`, then h.tab(…),
// then `await h.finish(failed)`; it exits 77 (skipped) without Chromium.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';

const CHROMIUM = '/usr/bin/chromium';

// playwright-core's chromium, or exit 77 saying what is missing.
export async function requireChromium() {
  if (!existsSync(CHROMIUM)) {
    console.log('SKIP: ' + CHROMIUM + ' is not installed (apt-get install chromium)');
    process.exit(77);
  }
  try {
    return (await import('playwright-core')).chromium;
  } catch {
    console.log('SKIP: playwright-core is not installed (npm ci --prefix tests/browser)');
    process.exit(77);
  }
}

// `vigie serve --db DB --port 0`; resolves to [server process, base URL].
export async function startServer(vigie, db) {
  const server = spawn(vigie, ['serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let text = '';
    server.stdout.on('data', (d) => {
      text += d;
      const m = text.match(/:(\d+)/);
      if (m) resolve(Number(m[1]));
    });
    server.on('exit', () => reject(new Error('server exited: ' + text)));
    // Generous: the suite runs on loaded machines; a healthy start takes < 1 s.
    setTimeout(() => reject(new Error('server did not start in 60 s: ' + text)), 60000);
  });
  return [server, `http://127.0.0.1:${port}`];
}

export class Harness {
  static async start(vigie, db, out) {
    const chromium = await requireChromium();
    mkdirSync(out, { recursive: true });
    const [server, base] = await startServer(vigie, db);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    return new Harness(server, base, browser, out);
  }

  constructor(server, base, browser, out) {
    this.server = server;
    this.base = base;
    this.browser = browser;
    this.out = out;
    this.errors = [];   // script errors on any tab
    this.outside = [];  // requests that left the machine
  }

  // A fresh tab at this size: its history holds nothing but what the test does.
  async tab(viewport) {
    const page = await this.browser.newPage({ viewport });
    page.on('request', (r) => {
      if (!r.url().startsWith(this.base) && !r.url().startsWith('data:')) this.outside.push(r.url());
    });
    page.on('pageerror', (e) => this.errors.push(String(e)));
    return page;
  }

  // The API's JSON for a path (`/api/search?q=…`).
  async api(path) {
    return (await fetch(this.base + path)).json();
  }

  // No script error and nothing fetched from outside, then close all.
  // Exits 0 when `failed` is false and those hold, else 1.
  async finish(failed) {
    try {
      if (!failed) {
        assert.deepEqual(this.errors, [], 'no script errors');
        assert.deepEqual(this.outside, [], 'no request leaves the machine');
      }
    } catch (e) {
      failed = true;
      console.error(String(e.stack || e));
    } finally {
      await this.browser.close();
      this.server.kill('SIGTERM');
    }
    process.exit(failed ? 1 : 0);
  }
}

export const settledOn = (page) =>
  page.waitForFunction(() => document.querySelector('main').getAttribute('aria-busy') === 'false');
export const hitCount = (page) => page.locator('#hits > li').count();
export const focusedId = (page) => page.evaluate(() => document.activeElement.id);

// Nothing wider than the screen: no sideways scrolling, no cut-off column.
export async function fitsWidth(page, what) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
  assert.ok(scroll <= inner, `${what}: page is ${scroll} px wide in a ${inner} px window`);
}

// The summary of the new results is focused and on screen.
export async function resultsFocused(page, what) {
  assert.equal(await focusedId(page), 'summary', what + ': focus on the new results');
  const top = await page.evaluate(() => document.getElementById('summary').getBoundingClientRect().top);
  const height = await page.evaluate(() => innerHeight);
  assert.ok(top >= -1 && top < height / 2, what + ': results scrolled into view (top at ' + top + ')');
}

// On a narrow screen the facets live in a panel opened by a button.
export async function openFacets(page, phone) {
  if (!phone) return;
  assert.equal(await page.locator('#facets').isVisible(), false, 'facets closed on a phone');
  await page.click('#filters-toggle');
  await page.waitForSelector('#facets.open');
}

// A value from a facet's filter box.
export async function pickFacet(page, phone, kind, typed, label) {
  await openFacets(page, phone);
  await page.fill(`#facet-${kind} .facet-filter`, typed);
  await page.locator(`#facet-${kind} button.facet`, { hasText: label }).first().click();
  await settledOn(page);
}
