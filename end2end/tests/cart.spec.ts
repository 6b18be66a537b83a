import type { Page } from '@playwright/test';
import { accounts, amount, expect, noSidewaysScroll, test, type Portal } from './fixtures';
import { normalise, texts, type Lang } from './texts';

// The cart (seed 001): /services/renew lists what falls due within a horizon and fills the
// cart, /cart sets each renewal's period, takes a promo code (PORTICO10: 10 % off, once per
// customer; WELCOME5000: 5 000 Ft off, forint carts only) and checks out by card or proforma.
// The texts are app/src/i18n/{hu,pl,de}/cart.rs, in texts.ts.
//
// This file runs before services.spec.ts and the others, on the same database: it renews only
// services no later journey uses or counts. The demo company's kovacs.com and kovacsbolt.hu
// fall due in 300 and 200 days (auto-renewal on, nowhere on the dashboard); kovacs.com keeps its
// one year at its old price, so its new final invoice "changes nothing" against the one before.
// The Polish customer's cart is emptied again; Anna's proforma is hers alone (no-js project).

type Texts = (typeof texts)[Lang];

const SUCCEEDS = '4242 4242 4242 4242';

/** The dates in a text, as `format::date` writes them in the language. */
const DATE: Record<Lang, RegExp> = {
  hu: /\d{4}\. \d{2}\. \d{2}\./g,
  de: /\d{2}\.\d{2}\.\d{4}/g,
  pl: /\d{2}\.\d{2}\.\d{4}/g,
  en: /\d{1,2} [A-Z][a-z]{2} \d{4}/g,
};

/** The one date in `text`. */
function dateIn(text: string | null, lang: Lang): string {
  const dates = normalise(text ?? '').match(DATE[lang]) ?? [];
  expect(dates, `one date in "${text}"`).toHaveLength(1);
  return dates[0]!;
}

/** A row of /services/renew, by its service's name. */
const dueRow = (page: Page, name: string) =>
  page.getByTestId('due-row').filter({ has: page.getByRole('link', { name, exact: true }) });

/** A line of the cart, by its service's name. */
const cartLine = (page: Page, name: string) =>
  page.getByTestId('cart-line').filter({ has: page.getByRole('link', { name, exact: true }) });

/** Shows what falls due within `days`: with JavaScript the choice applies itself, without it
 * the button next to it does. */
async function showDueWithin(portal: Portal, t: Texts, days: number) {
  const page = portal.page;
  const form = page.getByTestId('due-horizon');
  await portal.expectFullLoad(async () => {
    await form.getByLabel(t.dueWithin, { exact: true }).selectOption(String(days));
    if (!portal.js) await form.getByRole('button', { name: t.showDue, exact: true }).click();
  });
  await expect(page).toHaveURL(`/services/renew?within=${days}`);
  await expect(form.getByLabel(t.dueWithin, { exact: true })).toHaveValue(String(days));
}

/** "Add to cart" on a row of /services/renew: the page comes back with the row in the cart. */
async function addToCart(portal: Portal, t: Texts, name: string) {
  const row = dueRow(portal.page, name);
  await portal.expectFullLoad(() => row.getByTestId('add-to-cart').click());
  await expect(row).toContainText(t.inCart);
  await expect(row.getByTestId('add-to-cart')).toHaveCount(0);
}

/** Applies a promo code with the cart's form. */
async function applyPromo(portal: Portal, t: Texts, code: string) {
  const promo = portal.page.getByTestId('promo');
  await promo.getByLabel(t.promoCode, { exact: true }).fill(code);
  await portal.expectFullLoad(() =>
    promo.getByRole('button', { name: t.promoApply, exact: true }).click(),
  );
}

const DOMAINS = ['kovacsbolt.hu', 'kovacs.com'] as const;

test('two renewals from the renew-services page, one for 2 years, 10 % off, paid by card', async ({
  portal,
  page,
}) => {
  const hu = texts.hu;
  await portal.signIn(accounts.demo);
  await portal.goto('/services');
  await page.getByRole('link', { name: hu.renewServices, exact: true }).click();
  await expect(page).toHaveURL('/services/renew');
  await portal.hydrated();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(hu.renewServices);
  // 60 days unless chosen; the two domains fall due later.
  await expect(page.getByTestId('due-horizon').getByLabel(hu.dueWithin)).toHaveValue('60');
  await expect(page.getByTestId('due-row').first()).toBeVisible();
  for (const name of DOMAINS) await expect(dueRow(page, name)).toHaveCount(0);
  await showDueWithin(portal, hu, 365);

  const expiredOn = new Map<string, string>();
  for (const name of DOMAINS) {
    expiredOn.set(name, dateIn(await dueRow(page, name).locator('td').nth(1).textContent(), 'hu'));
    await addToCart(portal, hu, name);
  }
  await expect(page.getByTestId('go-to-cart')).toHaveText(`${hu.cart} (2)`);
  await noSidewaysScroll(page);
  await page.getByTestId('go-to-cart').click();
  await expect(page).toHaveURL('/cart');
  await portal.hydrated();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(hu.cart);
  await expect(page.getByTestId('cart-line')).toHaveCount(2);

  // kovacsbolt.hu for 2 years: the line costs what the period said in the list.
  const bolt = cartLine(page, 'kovacsbolt.hu');
  const period = bolt.getByLabel(hu.changePeriod, { exact: true });
  await expect(period).toHaveValue('12');
  const twoYears = normalise(
    (await period.locator('option[value="24"]').textContent()) ?? '',
  ).split(' · ');
  expect(twoYears[0]).toBe('2 év');
  await portal.expectFullLoad(async () => {
    await period.selectOption('24');
  });
  await expect(cartLine(page, 'kovacsbolt.hu').getByLabel(hu.changePeriod)).toHaveValue('24');
  expect(amount(await bolt.getByTestId('line-total').textContent())).toBe(amount(twoYears[1]));
  await expect(cartLine(page, 'kovacs.com').getByLabel(hu.changePeriod)).toHaveValue('12');
  const netBefore = amount(await page.getByTestId('cart-net').textContent());

  // PORTICO10: 10 % of the net price off, shown beside the code and in the totals.
  await expect(page.getByTestId('promo-applied')).toHaveCount(0);
  await applyPromo(portal, hu, 'PORTICO10');
  const applied = page.getByTestId('promo-applied');
  await expect(applied).toContainText('PORTICO10');
  await expect(applied).toContainText('10%');
  await expect(page.getByTestId('promo').getByRole('alert')).toHaveCount(0);
  const off = amount(await applied.locator('strong').last().textContent());
  expect(off).toBe(-Math.round(netBefore / 10));
  const net = amount(await page.getByTestId('cart-net').textContent());
  const vat = amount(await page.getByTestId('cart-vat').textContent());
  const totalText = (await page.getByTestId('cart-total').textContent())!.trim();
  expect(totalText).toContain('Ft');
  expect(net).toBe(netBefore + off);
  expect(amount(totalText)).toBe(net + vat);
  await noSidewaysScroll(page);

  // Each line says the service's new end; their pages will say it once paid.
  const renewed: { href: string; before: string; until: string }[] = [];
  for (const name of DOMAINS) {
    const line = cartLine(page, name);
    const href = (await line.getByRole('link', { name, exact: true }).getAttribute('href'))!;
    expect(href).toMatch(/^\/services\/\d+$/);
    const until = dateIn(await line.locator('td').first().textContent(), 'hu');
    expect(until).not.toBe(expiredOn.get(name));
    renewed.push({ href, before: expiredOn.get(name)!, until });
  }

  // Card, the recommended way, is chosen; the sandbox gateway takes the cart's total.
  await expect(page.getByTestId('pay-card')).toBeChecked();
  await page.getByRole('button', { name: hu.checkout, exact: true }).click();
  await expect(page).toHaveURL(/\/sandbox\/gateway\/sbx_/);
  await page.getByLabel(hu.cardNumber).fill(SUCCEEDS);
  await page.getByLabel(hu.cardNumber).press('Enter');
  await expect(page).toHaveURL(/\/payments\/\d+$/);
  await portal.hydrated();
  const outcome = page.getByTestId('payment-outcome');
  await expect(outcome).toHaveAttribute('data-status', 'succeeded');
  await expect(outcome).toContainText(totalText);

  // Both services run until the day their lines said, and the cart is empty again.
  for (const { href, before, until } of renewed) {
    await portal.goto(href);
    await expect(page.getByTestId('expiry')).toContainText(until);
    await expect(page.getByTestId('expiry')).not.toContainText(before);
  }
  await portal.goto('/cart');
  await expect(page.getByTestId('cart-empty')).toContainText(hu.cartEmpty);
  await portal.goto('/services/renew?within=365');
  for (const name of DOMAINS) await expect(dueRow(page, name)).toHaveCount(0);
});

// The Polish customer pays in złoty: the forint-only code is refused, like an unknown one,
// with the reason, and the cart keeps its line and its total. "Add all" skips nowak.pl, whose
// renewal already awaits payment (seed 000), and takes the hosting. PORTICO10 is applied and
// removed again without checking out, so it stays unused; the cart is emptied at the end: the
// pay-link and renewal journeys in later files expect nothing of it.
const HOSTING_PL = 'Hosting Standard (nowak.pl)';

for (const nojs of ['', ' @nojs']) {
  test(`a refused promo code is explained and the cart stays as it was, in Polish${nojs}`, async ({
    portal,
    page,
  }) => {
    const pl = texts.pl;
    await portal.signIn(accounts.pl);
    await portal.openFromMenu(pl.cart, '/cart');
    const empty = page.getByTestId('cart-empty');
    await expect(empty).toContainText(pl.cartEmpty);
    await empty.getByRole('link', { name: pl.renewServices, exact: true }).click();
    await expect(page).toHaveURL('/services/renew');
    await portal.hydrated();

    const domain = dueRow(page, 'nowak.pl');
    await expect(domain.getByTestId('add-to-cart')).toHaveCount(0);
    await expect(domain.getByRole('link', { name: pl.awaitingPayment })).toHaveAttribute(
      'href',
      /^\/orders\/\d+$/,
    );
    await showDueWithin(portal, pl, 365);
    await expect(dueRow(page, HOSTING_PL).getByTestId('add-to-cart')).toBeVisible();
    await portal.expectFullLoad(() => page.getByTestId('add-all').click());
    await expect(page).toHaveURL('/cart');
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await expect(cartLine(page, HOSTING_PL)).toBeVisible();
    const total = (await page.getByTestId('cart-total').textContent())!.trim();
    expect(total).toContain('zł');

    const promo = page.getByTestId('promo');
    for (const [code, reason] of [
      ['NIEMATAKIEGO', pl.promoUnknown],
      ['WELCOME5000', pl.promoOtherCurrency],
    ]) {
      await applyPromo(portal, pl, code);
      await expect(promo.getByRole('alert')).toHaveText(reason);
      await expect(page.getByTestId('promo-applied')).toHaveCount(0);
      // What was typed stays in the field, also when the answer is a new page (no JavaScript).
      await expect(promo.getByLabel(pl.promoCode, { exact: true })).toHaveValue(code);
      await expect(page.getByTestId('cart-line')).toHaveCount(1);
      await expect(page.getByTestId('cart-total')).toHaveText(total);
      await expect(page.getByTestId('checkout-submit')).toBeVisible();
    }
    await noSidewaysScroll(page);

    // A code that does apply (typed in lower case) takes its 10 % off until it is removed.
    await applyPromo(portal, pl, ' portico10 ');
    await expect(page.getByTestId('promo-applied')).toContainText('PORTICO10');
    await expect(promo.getByRole('alert')).toHaveCount(0);
    expect(amount(await page.getByTestId('cart-total').textContent())).toBeLessThan(amount(total));
    await portal.expectFullLoad(() => page.getByTestId('promo-remove').click());
    await expect(page.getByTestId('promo-applied')).toHaveCount(0);
    await expect(page.getByTestId('cart-total')).toHaveText(total);

    await portal.expectFullLoad(() => cartLine(page, HOSTING_PL).getByTestId('cart-remove').click());
    await expect(page.getByTestId('cart-empty')).toContainText(pl.cartEmpty);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
}

// Without JavaScript (the no-js project only): Anna (German, euros) puts her certificate in the
// cart, renews it for 2 years with the period's button, and checks out by proforma.
const SSL_DE = 'SSL DV (anna-schmidt.de)';

test('a cart checked out by proforma without JavaScript @nojs', async ({ portal, page }) => {
  const de = texts.de;
  await portal.signIn(accounts.anna);
  await portal.goto('/services');
  await page.getByRole('link', { name: de.renewServices, exact: true }).click();
  await expect(page).toHaveURL('/services/renew');
  await showDueWithin(portal, de, 365);
  await addToCart(portal, de, SSL_DE);
  await page.getByTestId('go-to-cart').click();
  await expect(page).toHaveURL('/cart');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);

  const line = cartLine(page, SSL_DE);
  const yearTotal = (await line.getByTestId('line-total').textContent())!.trim();
  await line.getByLabel(de.changePeriod, { exact: true }).selectOption('24');
  await portal.expectFullLoad(() =>
    line.getByRole('button', { name: de.updatePeriod, exact: true }).click(),
  );
  await expect(line.getByLabel(de.changePeriod, { exact: true })).toHaveValue('24');
  await expect(line.getByTestId('line-total')).not.toHaveText(yearTotal);
  const total = (await page.getByTestId('cart-total').textContent())!.trim();
  expect(total).toContain('€');
  expect(amount(total)).toBe(
    amount(await page.getByTestId('cart-net').textContent()) +
      amount(await page.getByTestId('cart-vat').textContent()),
  );

  await page.getByTestId('pay-proforma').check();
  await portal.expectFullLoad(() =>
    page.getByRole('button', { name: de.checkout, exact: true }).click(),
  );
  // The proforma of the cart's total, awaiting payment.
  await expect(page).toHaveURL(/\/invoices\/\d+$/);
  await expect(page.getByTestId('invoice-title').locator('[data-status]')).toHaveAttribute(
    'data-status',
    'unpaid',
  );
  await expect(page.getByTestId('invoice-total')).toContainText(total);
  await expect(page.locator('main')).toContainText('SSL DV');
  await expect(page.getByTestId('pay')).toHaveAttribute('href', /^\/invoices\/\d+\/pay$/);

  await portal.goto('/cart');
  await expect(page.getByTestId('cart-empty')).toContainText(de.cartEmpty);
});

// The renewal forecast (/services/forecast): twelve months, month by month, with each month's
// total; its private calendar address, read as a calendar app would and replaced; and "Renew
// all of these" filling the cart with a month's renewals.
test('the forecast shows twelve months of renewals, a calendar feed, and fills the cart', async ({
  portal,
  page,
}) => {
  const hu = texts.hu;
  await portal.signIn(accounts.demo);
  await portal.goto('/services/renew');
  await page.getByRole('link', { name: hu.forecastTitle, exact: true }).click();
  await expect(page).toHaveURL('/services/forecast');
  await portal.hydrated();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(hu.forecastTitle);
  const months = page.getByTestId('forecast-month');
  expect(await months.count()).toBeGreaterThan(6);
  expect(await months.count()).toBeLessThanOrEqual(12);
  // A monthly server falls due every month: its later renewals say they come after the next.
  await expect(page.getByText(hu.laterRenewal, { exact: true }).first()).toBeVisible();
  // Each month's total is the sum of its rows (all in forints).
  for (const month of await months.all()) {
    const prices = await month.locator('td.amount').allTextContents();
    const sum = prices.map(amount).reduce((a, b) => a + b, 0);
    expect(amount(await month.getByTestId('forecast-totals').textContent())).toBe(sum);
  }
  await noSidewaysScroll(page);

  // The calendar address: made, opened without a session, replaced.
  const calendar = page.getByTestId('calendar');
  await portal.expectFullLoad(() =>
    calendar.getByRole('button', { name: hu.calendarCreate, exact: true }).click(),
  );
  const address = page.getByTestId('calendar').getByLabel(hu.calendarUrl, { exact: true });
  const url = await address.inputValue();
  expect(url).toMatch(/\/calendar\/[\w-]+\.ics$/);
  // Fetched as a calendar app would: no cookies, the address alone.
  const feed = await fetch(url);
  expect(feed.status).toBe(200);
  expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const ics = await feed.text();
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(ics.replace(/\r\n /g, '')).toContain(`kovacs.hu${hu.feedDue}`);
  await portal.expectFullLoad(() =>
    page.getByTestId('calendar').getByRole('button', { name: hu.calendarReplace, exact: true }).click(),
  );
  const replaced = await page.getByTestId('calendar').getByLabel(hu.calendarUrl).inputValue();
  expect(replaced).not.toBe(url);
  expect((await fetch(url)).status).toBe(404);
  expect((await fetch(replaced)).status).toBe(200);

  // "Renew all of these" for the first month that has something to add: on to the cart,
  // which now holds that month's renewals.
  const month = months.filter({ has: page.getByTestId('renew-month') }).first();
  const names = await month
    .getByTestId('forecast-item')
    .filter({ hasNotText: hu.laterRenewal })
    .filter({ hasNotText: hu.awaitingPayment })
    .filter({ hasNotText: hu.inCart })
    .getByRole('link')
    .allTextContents();
  expect(names.length).toBeGreaterThan(0);
  await portal.expectFullLoad(() => month.getByTestId('renew-month').click());
  await expect(page).toHaveURL('/cart');
  for (const name of names) await expect(cartLine(page, name)).toHaveCount(1);
});
