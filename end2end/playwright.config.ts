import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests for Portico, run against the release build (`cargo leptos build --release`).
 *
 * Every project gets its own server and its own SQLite database, because tests change data
 * (they delete an order, switch a customer's language). `portico demo` recreates the
 * database with the deterministic demo world each time it starts.
 */

// Debian's Chromium: `npx playwright install` cannot download browsers here.
const chromium = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
};

// PORTICO_E2E_PORT moves the three servers (default 3100, 3200, 3300), so a second checkout
// can run the journeys at the same time on one machine.
const firstPort = Number(process.env.PORTICO_E2E_PORT ?? 3100);
const servers = [
  { project: 'desktop', port: firstPort },
  { project: 'phone', port: firstPort + 100 },
  { project: 'no-js', port: firstPort + 200 },
] as const;

const baseURL = (port: number) => `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  // Tests share one database per project and run in file order.
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },

  use: {
    browserName: 'chromium',
    launchOptions: chromium,
    // The sign-in page follows Accept-Language; pin it so it is English unless a test says so.
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },

  // The JS projects run every journey except the "@nojs" ones, which only the no-js project
  // runs (they delete the same order the JS journeys delete, on a separate server);
  // "@phone" journeys are for the phone project only.
  projects: [
    {
      name: 'desktop',
      grepInvert: /@nojs|@phone/,
      use: {
        viewport: { width: 1280, height: 800 },
        baseURL: baseURL(servers[0].port),
      },
    },
    {
      name: 'phone',
      grepInvert: /@nojs/,
      use: {
        ...devices['Pixel 7'],
        browserName: 'chromium',
        viewport: { width: 360, height: 780 },
        baseURL: baseURL(servers[1].port),
      },
    },
    {
      name: 'no-js',
      grep: /@nojs/,
      use: {
        viewport: { width: 1280, height: 800 },
        javaScriptEnabled: false,
        baseURL: baseURL(servers[2].port),
      },
    },
  ],

  // Run from the workspace: the site (target/site), Cargo.toml and the databases are
  // relative to it.
  webServer: servers.map(({ project, port }) => ({
    // `demo` recreates the database with the demo world on every start.
    command: 'target/release/portico demo',
    cwd: '..',
    env: {
      DATABASE_URL: `sqlite://target/e2e-${project}.db?mode=rwc`,
      PORTICO_LISTEN: `127.0.0.1:${port}`,
    },
    url: `${baseURL(port)}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    // The server logs (including why it failed to start) go to stdout.
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
  })),
});
