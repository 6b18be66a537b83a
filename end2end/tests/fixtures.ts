import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { normalise, texts, type Lang } from './texts';

export { expect };

/** The demo world's customers (see app/src/server/demo.rs); all share one password. */
export const PASSWORD = 'portico-demo';
export const accounts = {
  /** A company: Hungarian interface, HUF, something in every dashboard box. */
  demo: { email: 'demo@portico.test', name: 'Kovács és Társa Kft.', lang: 'hu' },
  /** A person: German interface, EUR, nothing pending. */
  anna: { email: 'anna@portico.test', name: 'Anna Schmidt', lang: 'de' },
  /** A person: Polish interface, PLN, one unpaid proforma and one expiring domain. */
  pl: { email: 'pl@portico.test', name: 'Jan Nowak', lang: 'pl' },
} as const satisfies Record<string, { email: string; name: string; lang: Lang }>;
export type Account = (typeof accounts)[keyof typeof accounts];

/**
 * The session cookie: `portico_session` on a loopback server (as here), `__Host-portico_session`
 * where cookies are Secure (any other listen address, or PORTICO_SECURE_COOKIES=1).
 */
export const isSessionCookie = (name: string) => /^(__Host-)?portico_session$/.test(name);
/** The visitor's language choice before sign-in; named like the session cookie. */
export const LANG_COOKIE = /^(__Host-)?portico_lang$/;

/**
 * Fails when the page is wider than the viewport: a phone would scroll it sideways. Compared
 * with `clientWidth`, not `innerWidth`: a phone zooms out to show a page that is too wide, and
 * `innerWidth` grows with it.
 */
export async function noSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `page is ${scrollWidth}px wide`).toBeLessThanOrEqual(clientWidth);
}

/**
 * The dashboard's address after a plain form post. The server sends the browser back to the
 * page it came from, and Leptos writes that address with an empty query ("/?"), which is the
 * same page.
 */
/**
 * An amount as the page writes it ("68 580 Ft", "612,54 zł", "−1 200 Ft") in the smallest unit
 * shown (forints; grosze), so that amounts in one currency compare and add up exactly.
 */
export function amount(text: string | null): number {
  const plain = normalise(text ?? '');
  expect(plain, 'an amount').toMatch(/\d/);
  const value = Number(plain.replace(/[^\d]/g, ''));
  return /^[−-]/.test(plain) ? -value : value;
}

export const isDashboardUrl = (url: URL) => url.pathname === '/' && url.search === '';

/** Helpers that know whether the page runs the wasm app or is plain server HTML. */
export class Portal {
  constructor(
    readonly page: Page,
    /** False in the no-js project: nothing ever hydrates there. */
    readonly js: boolean,
  ) {}

  /** Waits until the wasm has hydrated the page; a no-op without JavaScript. */
  async hydrated() {
    if (this.js) await expect(this.page.locator('html[data-hydrated="true"]')).toBeAttached();
  }

  /** A full page load, ready for interaction. */
  async goto(path: string) {
    await this.page.goto(path);
    await this.hydrated();
  }

  /** The `<html lang>` of the current page, i.e. the language it was rendered in. */
  async lang(): Promise<Lang> {
    return (await this.page.locator('html').getAttribute('lang')) as Lang;
  }

  /** Fills in and submits the sign-in form; does not check where the browser ends up. */
  async submitSignIn(email: string, password: string) {
    if (!this.page.url().endsWith('/login')) await this.goto('/login');
    const t = texts[await this.lang()];
    await this.page.getByLabel(t.email, { exact: true }).fill(email);
    await this.page.getByLabel(t.password, { exact: true }).fill(password);
    await this.page.getByRole('button', { name: t.signIn, exact: true }).click();
  }

  /** Signs in and waits for the hydrated dashboard. */
  async signIn(account: Account) {
    await this.submitSignIn(account.email, PASSWORD);
    await expect(this.page).toHaveURL('/');
    await this.hydrated();
  }

  /**
   * Runs `action` (a plain form post) and waits until the browser has loaded the page the
   * server redirected to, even when its URL is the same as before.
   */
  async expectFullLoad(action: () => Promise<void>) {
    const page = this.page;
    const navigated = page.waitForEvent('framenavigated', {
      predicate: (frame) => frame === page.mainFrame(),
    });
    await action();
    await navigated;
    await page.waitForLoadState();
    await this.hydrated();
  }

  /**
   * Follows the main navigation's link named `name` (in the page's language) and waits for
   * `path`, hydrated: how a customer moves between areas.
   */
  async openFromMenu(name: string, path: string) {
    const t = texts[await this.lang()];
    await this.page
      .getByRole('navigation', { name: t.mainNavigation })
      .getByRole('link', { name, exact: true })
      .click();
    await expect(this.page).toHaveURL(path);
    await this.hydrated();
  }

  /**
   * Waits until `attribute` of `target` reads `value` after an operation at the data centre:
   * with JavaScript the page follows the operation and reloads by itself; without it the
   * customer reloads to see how it went.
   */
  async followUntil(
    target: Locator,
    attribute: string,
    value: string,
    timeout: number,
    everyMs: number,
  ) {
    if (this.js) {
      await expect(target).toHaveAttribute(attribute, value, { timeout });
      return;
    }
    await expect
      .poll(
        async () => {
          await this.page.reload();
          return target.getAttribute(attribute);
        },
        { timeout, intervals: [everyMs] },
      )
      .toBe(value);
  }

  /** Marks the current document, to tell later whether the page was reloaded meanwhile. */
  async markDocument() {
    await this.page.evaluate(() => ((window as any).__porticoE2eMark = true));
  }

  async isSameDocument(): Promise<boolean> {
    return this.page.evaluate(() => (window as any).__porticoE2eMark === true);
  }
}

export const test = base.extend<{ portal: Portal; pageErrors: string[] }>({
  // Every test fails on an uncaught error in the page (a wasm panic, a hydration failure)
  // and on anything logged as an error (a blocked script, a failed request).
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
      page.on('console', (message) => {
        // A refusal the page explains to the user (409 conflict, 422 invalid input) is an
        // answer, not a fault; Chromium still logs every 4xx fetch as an error.
        const answered = /Failed to load resource: .*status of (409|422) /.test(message.text());
        if (message.type() === 'error' && !answered) {
          errors.push(`console.error: ${message.text()} (${message.location().url})`);
        }
      });
      await use(errors);
      expect(errors, 'errors in the page').toEqual([]);
    },
    { auto: true },
  ],
  portal: async ({ page, javaScriptEnabled }, use) => {
    await use(new Portal(page, javaScriptEnabled !== false));
  },
});
