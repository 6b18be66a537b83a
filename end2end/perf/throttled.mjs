// A measurement, not a test: how a slow phone meets the portal. Chromium (Debian's), 4x CPU
// throttling through DevTools (`Emulation.setCPUThrottlingRate`), a fresh browser cache for
// each load. For each page: first contentful paint, and the time until its first button works
// (the wasm has hydrated: `<html data-hydrated>`; until then a click is a plain form post).
// With `slow4g` as third argument the network is throttled too, to Lighthouse's "slow 4G"
// (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up): what a download costs a phone.
//   node end2end/perf/throttled.mjs http://127.0.0.1:3400 [runs] [slow4g]
// Prints one Markdown table row per page: the median of the runs, in milliseconds.
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3400';
const runs = Number(process.argv[3] ?? 5);
const slow4g = process.argv[4] === 'slow4g';
const pages = [
  ['dashboard', '/'],
  ['server page', null], // the first server in the services list, found below
];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

async function signedIn() {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[name=email]', 'demo@portico.test');
  await page.fill('input[name=password]', 'portico-demo');
  await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
  return { context, page };
}

// The server page's address: the first VPS or dedicated server of the demo company.
{
  const { context, page } = await signedIn();
  await page.goto(`${base}/services?view=servers`);
  const href = await page.locator('a[href^="/services/"]').first().getAttribute('href');
  pages[1][1] = href;
  await context.close();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('| page | first contentful paint (ms) | first button works (ms) | runs |');
console.log('|---|---|---|---|');
for (const [name, path] of pages) {
  const fcp = [];
  const interactive = [];
  for (let i = 0; i < runs; i++) {
    const { context, page } = await signedIn();
    // Notes the moment hydration marks the page, before anything else runs on it.
    // (The document, not its root element: at this point the parser has not made <html> yet.)
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.documentElement?.dataset.hydrated === 'true') {
          performance.mark('portico-hydrated');
          observer.disconnect();
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    if (slow4g) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 150,
        downloadThroughput: (1.6 * 1024 * 1024) / 8,
        uploadThroughput: (750 * 1024) / 8,
      });
    }
    await page.goto(`${base}${path}`, { waitUntil: 'commit' });
    await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    const timing = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      hydrated: performance.getEntriesByName('portico-hydrated')[0]?.startTime ?? NaN,
    }));
    fcp.push(timing.fcp);
    interactive.push(timing.hydrated);
    await context.close();
  }
  console.log(`| ${name} (${path}) | ${median(fcp).toFixed(0)} | ${median(interactive).toFixed(0)} | ${runs} |`);
}
await browser.close();
