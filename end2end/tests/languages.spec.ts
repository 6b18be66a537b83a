import type { Page } from '@playwright/test';
import { accounts, expect, test, type Portal } from './fixtures';
import { texts } from './texts';

// Every page fits a 360 px phone in every language: long German and Polish words, Italian
// phrases, dates with "(in 5 days)" after them. Only the phone project runs "@phone" journeys.
//
// One signed-in page per language: the demo company switches to the language once, with the
// language switch in the header, then opens every kind of page. Its own language (Hungarian)
// is restored at the end, whatever happened, for the tests after these.

const LANGS = ['en', 'hu', 'pl', 'de', 'it'] as const;
type Lang = (typeof LANGS)[number];

type Header = { language: string; switchLanguage: string; logOut: string };
const header = ({ language, switchLanguage, logOut }: Header): Header => ({
  language,
  switchLanguage,
  logOut,
});

/** Each language's own name in the language switch, and what its header's controls are
 * called (app/src/i18n/{en,hu,pl,de,it}.rs). */
const ui: Record<Lang, Header & { name: string }> = {
  en: { name: 'English', ...header(texts.en) },
  hu: { name: 'Magyar', ...header(texts.hu) },
  pl: { name: 'Polski', ...header(texts.pl) },
  de: { name: 'Deutsch', ...header(texts.de) },
  it: { name: 'Italiano', language: 'Lingua', switchLanguage: 'Cambia', logOut: 'Esci' },
};

/** One of each kind of service page, found in the services list by the service's name. */
const SERVICES = [
  { page: 'VPS', name: 'VPS M', tabs: [''] },
  {
    page: 'dedicated server',
    name: 'Dedikált szerver DS-2',
    tabs: ['', '?tab=network', '?tab=traffic'],
  },
  { page: 'domain', name: 'kovacs-webshop.hu', tabs: [''] },
  { page: 'archive storage', name: 'Archív tárhely 100 GB', tabs: [''] },
  { page: 'hosting', name: 'Tárhely Standard', tabs: [''] },
  { page: 'SSL certificate', name: 'Wildcard SSL', tabs: [''] },
  { page: 'addon', name: 'Napi mentés', tabs: [''] },
] as const;

/** Chooses `to` in the language switch of the page, which reloads it in that language. */
async function switchLanguage(portal: Portal, page: Page, to: Lang) {
  const from = (await portal.lang()) as Lang;
  if (from === to) return;
  await portal.expectFullLoad(async () => {
    await page.getByLabel(ui[from].language, { exact: true }).selectOption({ label: ui[to].name });
    await page.getByRole('button', { name: ui[from].switchLanguage, exact: true }).click();
  });
  await expect(page.locator('html')).toHaveAttribute('lang', to);
}

/**
 * Fails (softly, so that one run names every page that is too wide) when the page scrolls
 * sideways, first as loaded, then with every disclosure open (confirmations, row menus).
 *
 * The window's width is the layout viewport's (`clientWidth`). On a phone `innerWidth` is not
 * enough: Chromium's mobile emulation zooms out to show a too wide page, and `innerWidth`
 * then grows with the page (366 px for a 366 px page).
 */
async function expectNoSidewaysScroll(page: Page, where: string) {
  for (const opened of [false, true]) {
    if (opened) {
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    }
    const { scrollWidth, width, culprits } = await page.evaluate(() => {
      const width = Math.min(document.documentElement.clientWidth, window.innerWidth);
      // The innermost visible elements that reach past the window's right edge.
      const past = (el: Element) => el.getBoundingClientRect().right > width + 0.5;
      // Inside a box that clips or scrolls its own content (a visually hidden table head,
      // the tab bar), an element does not widen the page.
      const clipped = (el: Element) => {
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          if (getComputedStyle(a).overflowX !== 'visible') return true;
        }
        return false;
      };
      const culprits = [...document.querySelectorAll('body *')]
        .filter((el) => el.checkVisibility() && past(el) && !clipped(el))
        .filter((el) => ![...el.children].some((c) => c.checkVisibility() && past(c)))
        .slice(0, 3)
        .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}">` +
          ` "${(el.textContent ?? '').trim().slice(0, 40)}"`);
      return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
    });
    expect
      .soft(
        scrollWidth,
        `${where}${opened ? ' (disclosures open)' : ''} is ${scrollWidth}px wide in a ` +
          `${width}px window; too wide: ${culprits.join(', ')}`,
      )
      .toBeLessThanOrEqual(width);
  }
}

for (const lang of LANGS) {
  test(`every page fits a 360 px phone in ${ui[lang].name} @phone`, async ({ portal, page }) => {
    test.slow();
    await portal.signIn(accounts.demo);
    try {
      await switchLanguage(portal, page, lang);
      await expect(page.getByTestId('unpaid-proformas')).toBeVisible();
      await expectNoSidewaysScroll(page, `${lang} dashboard /`);
      // The project's database is shared: an earlier test may have deleted the unfinished
      // order (its German kind, "Domainregistrierung", once widened the page). Say so.
      if ((await page.getByTestId('abandoned-orders').count()) === 0) {
        test.info().annotations.push({
          type: 'not measured',
          description: 'the unfinished-orders box: an earlier test deleted the order',
        });
      }

      await portal.goto('/services');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expectNoSidewaysScroll(page, `${lang} services /services`);
      const table = page.getByTestId('services-table');
      const services = [];
      for (const service of SERVICES) {
        const href = await table
          .getByRole('link', { name: service.name, exact: true })
          .getAttribute('href');
        expect(href, `${service.name} in the services list`).toMatch(/^\/services\/\d+$/);
        services.push({ ...service, href: href! });
      }

      for (const service of services) {
        for (const tab of service.tabs) {
          const path = `${service.href}${tab}`;
          await portal.goto(path);
          await expect(page.getByTestId('service-head')).toContainText(service.name);
          await expectNoSidewaysScroll(page, `${lang} ${service.page} ${path}`);
        }
      }

      // The renewal page: a domain's ten periods and a server's months, each with its price.
      for (const service of services.filter((s) => s.page === 'domain' || s.page === 'VPS')) {
        const path = `${service.href}/renew`;
        await portal.goto(path);
        await expect(page.getByTestId('renew-title')).toContainText(service.name);
        await expectNoSidewaysScroll(page, `${lang} renewal ${path}`);
      }

      await portal.goto('/orders');
      await expectNoSidewaysScroll(page, `${lang} orders /orders`);
      // An order awaiting payment (pay, cancel) and a paid one.
      const rows = page.getByTestId('orders-table').getByTestId('order-row');
      const orders = [
        rows.filter({ has: page.locator('[data-status="awaiting_payment"]') }).first(),
        rows.filter({ hasText: 'R-2026-0340' }),
      ];
      const hrefs = [];
      for (const row of orders) {
        hrefs.push(await row.getByRole('link', { name: /^R-\d{4}-\d+$/ }).getAttribute('href'));
      }
      for (const href of hrefs) {
        expect(href).toMatch(/^\/orders\/\d+$/);
        await portal.goto(href!);
        await expect(page.getByTestId('order-title')).toBeVisible();
        await expectNoSidewaysScroll(page, `${lang} order ${href}`);
      }

      await portal.goto('/invoices?filter=all');
      await expectNoSidewaysScroll(page, `${lang} invoices /invoices?filter=all`);
      // A proforma awaiting payment (overdue) and a paid final invoice.
      for (const status of ['unpaid', 'paid']) {
        const href = await page
          .locator(`[data-testid="invoice-row"][data-status="${status}"]`)
          .first()
          .getByRole('link')
          .first()
          .getAttribute('href');
        expect(href).toMatch(/^\/invoices\/\d+$/);
        await portal.goto(href!);
        await expect(page.getByTestId('invoice-title')).toBeVisible();
        await expectNoSidewaysScroll(page, `${lang} invoice ${href}`);
        await portal.goto('/invoices?filter=all');
      }
      // The unpaid proforma's payment step, and the sandbox gateway's page it leads to.
      const payHref = await page
        .locator('[data-testid="invoice-row"][data-status="unpaid"]')
        .first()
        .getByTestId('invoice-pay')
        .getAttribute('href');
      expect(payHref).toMatch(/^\/invoices\/\d+\/pay$/);
      await portal.goto(payHref!);
      await expect(page.getByTestId('pay-title')).toBeVisible();
      await expectNoSidewaysScroll(page, `${lang} payment step ${payHref}`);
      await page.getByTestId('pay-by-card').click();
      await expect(page).toHaveURL(/\/sandbox\/gateway\/sbx_/);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expectNoSidewaysScroll(page, `${lang} sandbox gateway`);
      await portal.goto('/invoices?filter=all');
      // The balance, reached from the invoices page: the balance, the (empty) ledger and the
      // top-up form.
      await page.getByTestId('balance-link').click();
      await expect(page).toHaveURL(/\/balance$/);
      await expect(page.getByTestId('top-up')).toBeVisible();
      await expectNoSidewaysScroll(page, `${lang} balance /balance`);
    } finally {
      // Leave the demo company Hungarian for the tests after this one, whatever happened.
      await page.request.post('/api/set_language', { form: { lang: 'hu' } });
    }

    // The page on screen is still in the language; sign out with its button.
    await page.getByRole('button', { name: ui[lang].logOut, exact: true }).click();
    await expect(page).toHaveURL(/\/login\?signed_out=1$/);
    await portal.hydrated();

    // Signed out: the sign-in page, switched to the language there.
    await switchLanguage(portal, page, lang);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(page, `${lang} sign-in /login`);
  });
}
