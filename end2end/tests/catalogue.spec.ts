import type { Locator, Page } from '@playwright/test';
import { accounts, amount, expect, noSidewaysScroll, test, type Portal } from './fixtures';
import { normalise, texts } from './texts';

// Ordering something new (seed 001 "new order"): the catalogue (/catalogue) puts a product in
// the cart with its period and choices (operating system and data centre for a server, the
// domain for hosting), the addons page (/catalogue/addons) an addon for one of the customer's
// services; the cart (/cart) shows them as new lines and checks them out with anything else.
// Every form is a plain form, so each journey runs with JavaScript (desktop, phone) and
// without it ("@nojs"). The texts are app/src/i18n/{hu,pl}/catalogue.rs, in texts.ts.
//
// This file runs after cart.spec.ts and before dashboard, invoices, orders, payments and
// services.spec.ts, on the same database, and leaves things as it found them:
// - the demo company's cart may hold the renewals the forecast journey of cart.spec.ts put
//   there (not in the no-js project): the journeys count its lines instead of assuming none,
//   and remove what they added; the demo company never checks out here, since its dashboard
//   (two unpaid proformas), its invoices and the services list (one "VPS L", one "VPS M") are
//   counted later;
// - the Polish customer's cart is empty (cart.spec.ts empties it): her hosting is checked out
//   by proforma and the order cancelled at once through /orders, which cancels the proforma
//   and the pending service with it, so her dashboard keeps its one unpaid proforma (12,50 zł)
//   and the pay-link journey of payments.spec.ts still finds it first in /invoices.

type Customer = typeof accounts.demo | typeof accounts.pl;
type Texts = (typeof texts)[Customer['lang']];

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** A product's card on /catalogue, by its name. */
const productCard = (page: Page, name: string) =>
  page
    .getByTestId('product')
    .filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });

/** An addon's card on /catalogue/addons, by its name. */
const addonCard = (page: Page, name: string) =>
  page
    .getByTestId('addon')
    .filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });

/** A cart line of a new service or an addon, by its product's name (not a link: nothing has
 * been ordered yet). */
const newLine = (page: Page, kind: 'new' | 'addon', name: string) =>
  page
    .locator(`[data-testid="cart-line"][data-kind="${kind}"]`)
    .filter({ has: page.locator('strong').filter({ hasText: exactly(name) }) });

/** How many lines the cart has, as the catalogue and the addons page say ("Kosár (3)"). */
async function cartCountOnPage(page: Page): Promise<number> {
  const link = page.getByTestId('go-to-cart');
  if ((await link.count()) === 0) return 0;
  const count = normalise((await link.textContent()) ?? '').match(/\((\d+)\)$/)?.[1];
  expect(count, 'the number of lines on the cart link').toBeDefined();
  return Number(count);
}

/**
 * The cart's lines, whether it shows them or says it is empty. After adding, the server sends
 * the browser on to "/cart"; after removing a line, back to the page the form was on, which
 * Leptos writes with an empty query ("/cart?"): the same page.
 */
async function expectCartLines(page: Page, t: Texts, count: number) {
  await expect(page).toHaveURL((url) => url.pathname === '/cart' && url.search === '');
  if (count === 0) {
    await expect(page.getByTestId('cart-empty')).toContainText(t.cartEmpty);
  } else {
    await expect(page.getByTestId('cart-line')).toHaveCount(count);
  }
}

/**
 * Chooses `months` in a card's period select; returns the price with VAT the chosen option
 * says ("3 hónap: 68 580 Ft"), checking that it names the period.
 */
async function choosePeriod(select: Locator, t: Texts, months: number): Promise<number> {
  await select.selectOption(String(months));
  await expect(select).toHaveValue(String(months));
  const chosen = normalise((await select.locator('option:checked').textContent()) ?? '');
  const [period, price] = chosen.split(': ');
  expect(period).toBe(t.period(months));
  return amount(price);
}

/** Opens /catalogue as the customer would: the header's link. */
async function openCatalogue(portal: Portal, t: Texts) {
  const page = portal.page;
  await portal.openFromMenu(t.orderTitle, '/catalogue');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.orderTitle);
  await expect(page.getByTestId('product').first()).toBeVisible();
}

const CUSTOMERS = [accounts.demo, accounts.pl] as const;
const NOJS = ['', ' @nojs'] as const;

// A refused domain name: the card's form comes back with the reason, translated, and the name as
// typed, and nothing is added. The browser itself refuses an empty field (it is required); spaces get past it and the
// server says the name is missing.
const REFUSED = [
  ['not a domain', 'errHostnameBadLabel'],
  ['sklep', 'errHostnameNeedsDomain'],
  ['   ', 'errDomainRequired'],
] as const;

for (const customer of CUSTOMERS) {
  for (const nojs of NOJS) {
    test(`hosting without a valid domain is refused with the reason and adds nothing, ${customer.lang}${nojs}`, async ({
      portal,
      page,
    }) => {
      const t = texts[customer.lang];
      await portal.signIn(customer);
      await openCatalogue(portal, t);
      const before = await cartCountOnPage(page);
      const card = productCard(page, 'Hosting Standard');
      const domain = card.getByLabel(t.labelDomain, { exact: true });
      const add = card.getByRole('button', { name: t.addNamed('Hosting Standard'), exact: true });
      if (customer.lang === 'hu') {
        // 19 900 Ft a year plus 27 % VAT.
        expect(normalise((await card.locator('.product-price').textContent()) ?? '')).toBe('25 273 Ft');
      }

      // Empty: the browser keeps the form; the page is not even reloaded.
      await expect(domain).toHaveValue('');
      await portal.markDocument();
      await add.click();
      expect(await domain.evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(
        true,
      );
      expect(await portal.isSameDocument(), 'the page was reloaded').toBe(true);
      await expect(page).toHaveURL('/catalogue');

      for (const [input, reason] of REFUSED) {
        await productCard(page, 'Hosting Standard').getByLabel(t.labelDomain, { exact: true }).fill(input);
        await portal.expectFullLoad(() =>
          productCard(page, 'Hosting Standard')
            .getByRole('button', { name: t.addNamed('Hosting Standard'), exact: true })
            .click(),
        );
        // Back on the catalogue (not on to the cart), with the reason.
        expect(new URL(page.url()).pathname).toBe('/catalogue');
        await expect(page.locator('main').getByRole('alert')).toHaveText(t[reason]);
        // In the card's own form, with what was typed still in the field, scrolled to.
        const back = productCard(page, 'Hosting Standard');
        await expect(back.getByRole('alert')).toHaveText(t[reason]);
        await expect(back.getByLabel(t.labelDomain, { exact: true })).toHaveValue(input);
        await expect(back).toBeInViewport();
        expect(await cartCountOnPage(page)).toBe(before);
      }
      await noSidewaysScroll(page);

      await portal.goto('/cart');
      await expectCartLines(page, t, before);
      await expect(page.locator('[data-testid="cart-line"][data-kind="new"]')).toHaveCount(0);
    });
  }
}

// A server with the operating system and data centre chosen: the cart line names both, and
// costs what the chosen period said on the card. The line is removed again.
for (const customer of CUSTOMERS) {
  for (const nojs of NOJS) {
    test(`a VPS with its operating system and data centre chosen, ${customer.lang}${nojs}`, async ({
      portal,
      page,
    }) => {
      const t = texts[customer.lang];
      await portal.signIn(customer);
      await openCatalogue(portal, t);
      const before = await cartCountOnPage(page);

      // The groups: domains are only priced here (they are ordered in steps); hosting and
      // servers are put in the cart.
      const domains = page.getByRole('region', { name: t.groupDomains, exact: true });
      await expect(domains.getByTestId('domain-price')).toHaveCount(3);
      await expect(domains.getByTestId('domain-price').first()).toContainText('.hu domain');
      await expect(domains.getByTestId('add-product')).toHaveCount(0);
      const hosting = page.getByRole('region', { name: t.groupHosting, exact: true });
      await expect(hosting.getByTestId('product')).toHaveCount(2);
      const servers = page.getByRole('region', { name: t.groupServers, exact: true });
      const card = servers
        .getByTestId('product')
        .filter({ has: page.getByRole('heading', { level: 3, name: 'VPS L', exact: true }) });
      await expect(card).toBeVisible();
      await noSidewaysScroll(page);

      // A server asks no domain; its operating system and data centre start at the first.
      await expect(card.getByTestId('product-domain')).toHaveCount(0);
      const os = card.getByLabel(t.labelOs, { exact: true });
      const datacentre = card.getByLabel(t.labelDatacentre, { exact: true });
      await expect(os).toHaveValue('debian-12');
      await expect(datacentre).toHaveValue('bud1');
      await os.selectOption({ label: 'Ubuntu 24.04 LTS' });
      await datacentre.selectOption({ label: 'Frankfurt am Main (FRA1)' });
      const period = card.getByLabel(t.labelPeriod, { exact: true });
      await expect(period).toHaveValue('1');
      const price = await choosePeriod(period, t, 3);
      if (customer.lang === 'hu') {
        // 18 000 Ft a month plus 27 % VAT, three times.
        expect(normalise((await card.locator('.product-price').textContent()) ?? '')).toBe('22 860 Ft');
        expect(price).toBe(68_580);
      }
      await portal.expectFullLoad(() =>
        card.getByRole('button', { name: t.addNamed('VPS L'), exact: true }).click(),
      );

      await expectCartLines(page, t, before + 1);
      const line = newLine(page, 'new', 'VPS L');
      await expect(line).toHaveCount(1);
      await expect(line.getByTestId('line-kind')).toHaveText(t.newTag);
      await expect(line.getByTestId('line-detail')).toHaveText(
        'Ubuntu 24.04 LTS · Frankfurt am Main (FRA1)',
      );
      await expect(line.getByTestId('cart-period')).toHaveValue('3');
      expect(amount(await line.getByTestId('line-total').textContent())).toBe(price);
      await noSidewaysScroll(page);

      await portal.expectFullLoad(() =>
        line.getByRole('button', { name: t.removeNamed('VPS L'), exact: true }).click(),
      );
      await expectCartLines(page, t, before);
      await expect(newLine(page, 'new', 'VPS L')).toHaveCount(0);
    });
  }
}

// An addon for one of the customer's services, from the services page's link: only the running
// services it fits are offered. The demo company's backup goes on its VPS M; the Polish
// customer's mailbox space on her hosting (she has no server, so the backup fits nothing).
const ADDONS = {
  hu: {
    addon: 'Backup 100 GB',
    months: 12,
    service: 'VPS M (app.kovacs.hu)',
    offered: [
      'Dedikált szerver DS-2 (backup.kovacs.hu)',
      'VPS L (db.kovacs.hu)',
      'VPS M (app.kovacs.hu)',
    ],
    unfit: null,
  },
  pl: {
    addon: 'E-mail +50 GB',
    months: 24,
    service: 'Hosting Standard (nowak.pl)',
    offered: ['Hosting Standard (nowak.pl)'],
    unfit: 'Backup 100 GB',
  },
} as const;

for (const customer of CUSTOMERS) {
  for (const nojs of NOJS) {
    test(`an addon for a chosen service, added and removed again, ${customer.lang}${nojs}`, async ({
      portal,
      page,
    }) => {
      const t = texts[customer.lang];
      const { addon, months, service, offered, unfit } = ADDONS[customer.lang];
      await portal.signIn(customer);
      await portal.goto('/services');
      await page.getByTestId('view-addons').click();
      await expect(page).toHaveURL('/catalogue/addons');
      await portal.hydrated();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.addonsTitle);
      await expect(page.getByTestId('addon')).toHaveCount(4);
      const before = await cartCountOnPage(page);
      await noSidewaysScroll(page);

      if (unfit) {
        const card = addonCard(page, unfit);
        await expect(card.getByTestId('addon-unfit')).toHaveText(t.noFittingService);
        await expect(card.getByTestId('add-addon')).toHaveCount(0);
      }
      const card = addonCard(page, addon);
      const services = card.getByLabel(t.labelService, { exact: true });
      await expect(services.locator('option')).toHaveText([...offered]);
      await services.selectOption({ label: service });
      const price = await choosePeriod(card.getByLabel(t.labelPeriod, { exact: true }), t, months);
      await portal.expectFullLoad(() =>
        card.getByRole('button', { name: t.addNamed(addon), exact: true }).click(),
      );

      await expectCartLines(page, t, before + 1);
      const line = newLine(page, 'addon', addon);
      await expect(line).toHaveCount(1);
      await expect(line.getByTestId('line-kind')).toHaveText(t.addonFor(service));
      await expect(line.getByTestId('cart-period')).toHaveValue(String(months));
      expect(amount(await line.getByTestId('line-total').textContent())).toBe(price);

      await portal.expectFullLoad(() =>
        line.getByRole('button', { name: t.removeNamed(addon), exact: true }).click(),
      );
      await expectCartLines(page, t, before);
      await expect(newLine(page, 'addon', addon)).toHaveCount(0);
    });
  }
}

// Hosting for a new domain, from the services page's "new order" link to the proforma: the
// cart line names the domain and costs what the card said for the period chosen; checked out
// by proforma (the way without JavaScript), whose total is the cart's. The order is cancelled
// at once through the orders page, with its proforma (see the top of the file).
const NEW_DOMAIN = 'sklep-nowak.pl';

for (const nojs of NOJS) {
  test(`hosting ordered for a domain and checked out by proforma, then cancelled, pl${nojs}`, async ({
    portal,
    page,
  }) => {
    const t = texts.pl;
    await portal.signIn(accounts.pl);
    await portal.goto('/cart');
    await expect(page.getByTestId('cart-empty')).toContainText(t.cartEmpty);

    await portal.goto('/services');
    const newOrder = page.getByTestId('new-order');
    await expect(newOrder).toHaveText(t.newOrder);
    await newOrder.click();
    await expect(page).toHaveURL('/catalogue');
    await portal.hydrated();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.orderTitle);
    expect(await cartCountOnPage(page)).toBe(0);

    const card = productCard(page, 'Hosting Standard');
    await card.getByLabel(t.labelDomain, { exact: true }).fill(NEW_DOMAIN);
    const period = card.getByLabel(t.labelPeriod, { exact: true });
    await expect(period).toHaveValue('12');
    const price = await choosePeriod(period, t, 24);
    await noSidewaysScroll(page);
    await portal.expectFullLoad(() =>
      card.getByRole('button', { name: t.addNamed('Hosting Standard'), exact: true }).click(),
    );

    // The cart: the one new line, for the domain, at the card's price.
    await expectCartLines(page, t, 1);
    const line = newLine(page, 'new', 'Hosting Standard');
    await expect(line.getByTestId('line-kind')).toHaveText(t.newTag);
    await expect(line.getByTestId('line-detail')).toHaveText(NEW_DOMAIN);
    await expect(line.getByTestId('cart-period')).toHaveValue('24');
    expect(amount(await line.getByTestId('line-total').textContent())).toBe(price);
    const total = (await page.getByTestId('cart-total').textContent())!.trim();
    expect(total).toContain('zł');
    expect(amount(total)).toBe(price);
    expect(amount(total)).toBe(
      amount(await page.getByTestId('cart-net').textContent()) +
        amount(await page.getByTestId('cart-vat').textContent()),
    );
    await noSidewaysScroll(page);

    // By proforma: on to the proforma of the cart's total, awaiting payment.
    await page.getByTestId('pay-proforma').check();
    await portal.expectFullLoad(() =>
      page.getByRole('button', { name: t.checkout, exact: true }).click(),
    );
    await expect(page).toHaveURL(/\/invoices\/\d+$/);
    const proforma = new URL(page.url()).pathname;
    await expect(page.getByTestId('invoice-title').locator('[data-status]')).toHaveAttribute(
      'data-status',
      'unpaid',
    );
    await expect(page.getByTestId('invoice-total')).toHaveText(total);
    await expect(page.locator('main')).toContainText(`Hosting Standard (${NEW_DOMAIN})`);
    const orderLink = page.getByRole('link', { name: /^R-\d{4}-\d+$/ });
    const number = normalise((await orderLink.textContent()) ?? '');
    await noSidewaysScroll(page);
    await portal.goto('/cart');
    await expect(page.getByTestId('cart-empty')).toContainText(t.cartEmpty);

    // The order, in the orders list, awaiting payment; cancelled from its page.
    await portal.openFromMenu(t.ordersTitle, '/orders');
    const row = page.locator(`[data-testid="order-row"][data-number="${number}"]`);
    await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'awaiting_payment');
    await expect(row).toContainText(total);
    await row.getByRole('link', { name: number, exact: true }).click();
    await expect(page).toHaveURL(/\/orders\/\d+$/);
    await portal.hydrated();
    const title = page.getByTestId('order-title');
    await expect(title).toContainText(number);
    await expect(page.getByTestId('order-total')).toHaveText(total);
    await expect(page.locator('main')).toContainText(NEW_DOMAIN);
    const question = page.getByRole('group', { name: t.cancelOrderQuestion });
    await expect(question).toBeHidden();
    await page.locator('summary', { hasText: t.cancelOrder }).click();
    await portal.expectFullLoad(() =>
      question.getByRole('button', { name: t.cancelOrderConfirm, exact: true }).click(),
    );
    await expect(title.locator('[data-status]')).toHaveAttribute('data-status', 'cancelled');
    await expect(page.locator('[data-testid="order-event"][data-event="cancelled"]')).toHaveCount(1);
    await expect(page.locator('main').getByRole('alert')).toHaveCount(0);

    // The proforma is cancelled with it: nothing to pay, and the dashboard still shows only
    // the proforma the customer had before (seed 000).
    await portal.goto(proforma);
    await expect(page.getByTestId('invoice-title').locator('[data-status]')).toHaveAttribute(
      'data-status',
      'cancelled',
    );
    await expect(page.getByTestId('pay')).toHaveCount(0);
    await portal.goto('/');
    const unpaid = page.getByTestId('unpaid-proformas').locator('tbody tr');
    await expect(unpaid).toHaveCount(1);
    expect(normalise(await unpaid.locator('td.amount').innerText())).toBe('12,50 zł');
  });
}

// Only the phone project runs "@phone" journeys: both pages fit 360 px in both languages (long
// Polish labels, server names in the selects).
for (const customer of CUSTOMERS) {
  test(`the catalogue and the addons page fit a 360 px phone, ${customer.lang} @phone`, async ({
    portal,
    page,
  }) => {
    await portal.signIn(customer);
    await portal.goto('/catalogue');
    await expect(page.getByTestId('product').first()).toBeVisible();
    await noSidewaysScroll(page);
    await portal.goto('/catalogue/addons');
    await expect(page.getByTestId('addon').first()).toBeVisible();
    await noSidewaysScroll(page);
  });
}
