import type { Locator, Page } from '@playwright/test';
import { accounts, amount, expect, isDashboardUrl, noSidewaysScroll, test, type Portal } from './fixtures';
import { normalise, texts } from './texts';

// A domain order in steps (seed 001 "new order", seed 000 "unfinished order"): /orders/domain
// asks the registry (the sandbox: a name with "taken" in its first label is held elsewhere)
// and starts a registration or a transfer; /orders/continue/{id} shows it at its step: period,
// registrant, nameservers, for a .hu transfer the signed declaration, and the review that puts
// it in the cart. Every step is a plain form (the declaration a multipart one), so each journey
// runs with JavaScript (desktop, phone at 360 px) and without it ("@nojs"). The texts are
// app/src/i18n/{hu,pl}/domain_order.rs and {hu,pl}/dashboard.rs, in texts.ts.
//
// This file runs after dashboard, languages and navigation.spec.ts and before orders, payments
// and services.spec.ts, on the same database, and leaves what they count as it found it:
// - nothing is checked out, so no order, proforma or service appears: the Polish customer's
//   registration goes into her cart and is removed from it again, and payments.spec.ts still
//   finds her one unpaid proforma first;
// - every unfinished order a journey starts is finished (it leaves the dashboard) or deleted
//   from the dashboard's box; the demo company's box is empty again afterwards, as
//   dashboard.spec.ts left it;
// - an uploaded declaration stays "submitted": the dashboard shows only rejected documents.

type Customer = typeof accounts.demo | typeof accounts.pl;
type Texts = (typeof texts)[Customer['lang']];

const CUSTOMERS = [accounts.demo, accounts.pl] as const;
const NOJS = ['', ' @nojs'] as const;

/** The order's page, at the step it continues from: `/orders/continue/{id}`. */
const ORDER_PATH = /^\/orders\/continue\/(\d+)$/;

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** The path of the page now, checked to be the order `id`'s (any query). */
function expectOrderPage(page: Page, id: string) {
  expect(new URL(page.url()).pathname).toBe(`/orders/continue/${id}`);
}

/**
 * The order's page shows `step` (its number, `data-step`) under its name, marked as the
 * current one in the list of steps, and the earlier steps (`answered`) as links back.
 */
async function expectStep(page: Page, step: number, name: string, answered: string[]) {
  const section = page.getByTestId('domain-step');
  await expect(section).toHaveAttribute('data-step', String(step));
  await expect(section.getByRole('heading', { level: 2 })).toHaveText(name);
  const steps = page.getByTestId('domain-steps');
  await expect(steps.locator('[aria-current="step"]')).toHaveText(name);
  await expect(steps.getByRole('link')).toHaveText(answered);
}

/** Submits the step's form ("Save and continue"); the browser opens the order again. */
async function saveStep(portal: Portal, t: Texts, id: string) {
  await portal.expectFullLoad(() =>
    portal.page
      .getByTestId('domain-step')
      .getByRole('button', { name: t.saveContinue, exact: true })
      .click(),
  );
  expectOrderPage(portal.page, id);
}

/** Types `name` into the search and submits it; does not check where the browser ends up. */
async function search(portal: Portal, t: Texts, name: string) {
  const page = portal.page;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.domainOrderTitle);
  await page.getByLabel(t.domainLabel, { exact: true }).fill(name);
  await portal.expectFullLoad(() =>
    page.getByRole('button', { name: t.domainSearch, exact: true }).click(),
  );
}

/** Searches a name that can be ordered; returns the new order's id. */
async function startOrder(portal: Portal, t: Texts, name: string): Promise<string> {
  await search(portal, t, name);
  const page = portal.page;
  await expect(page).toHaveURL((url) => ORDER_PATH.test(url.pathname) && url.search === '');
  return new URL(page.url()).pathname.match(ORDER_PATH)![1];
}

/** A fact of the review (`<dt>` label, `<dd>` value), by its label. */
const reviewFact = (page: Page, label: string): Locator =>
  page
    .getByTestId('domain-review')
    .locator('.fact')
    .filter({ has: page.locator('dt').filter({ hasText: exactly(label) }) })
    .locator('dd');

/** The unfinished order's row on the dashboard, by its domain. */
const abandonedRow = (page: Page, domain: string) =>
  page.getByTestId('abandoned-orders').locator('tbody tr').filter({ hasText: domain });

/** Deletes the unfinished order of `domain` through the dashboard box's confirmation. */
async function deleteFromDashboard(portal: Portal, t: Texts, domain: string) {
  const page = portal.page;
  await portal.goto('/');
  const row = abandonedRow(page, domain);
  await expect(row).toHaveCount(1);
  const question = row.getByRole('group', { name: t.deleteOrderQuestion });
  await expect(question).toBeHidden();
  await row.locator('summary', { hasText: t.delete }).click();
  await portal.expectFullLoad(() =>
    question.getByRole('button', { name: t.deleteConfirm, exact: true }).click(),
  );
  await expect(page).toHaveURL(isDashboardUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.dashboardTitle);
  await expect(abandonedRow(page, domain)).toHaveCount(0);
}

/** The cart's lines (0 when it says it is empty); the page must be /cart. */
async function cartLineCount(page: Page): Promise<number> {
  await expect(page.getByTestId('cart-line').first().or(page.getByTestId('cart-empty'))).toBeVisible();
  return page.getByTestId('cart-line').count();
}

/** A new domain's cart line, by the domain it is for. */
const domainLine = (page: Page, domain: string) =>
  page
    .locator('[data-testid="cart-line"][data-kind="new"]')
    .filter({ has: page.getByTestId('line-detail').filter({ hasText: exactly(domain) }) });

// The search refuses, with the reason in the customer's language, a name whose ending is not
// sold (.eu, .com and .hu are), one the customer already holds here, and what is not a domain
// name; no order is started. The Polish customer's own nowak.pl ends in .pl, which is not
// sold, so that is what she is told; the demo company holds kovacs.hu.
const REFUSALS = {
  pl: [
    ['nowak.pl', 'errEndingNotSold'],
    ['nowak-sklep.xyz', 'errEndingNotSold'],
    ['nie domena', 'errHostnameBadLabel'],
  ],
  hu: [
    ['kovacs.hu', 'errAlreadyYours'],
    ['kovacs-bolt.xyz', 'errEndingNotSold'],
    ['nem domain', 'errHostnameBadLabel'],
  ],
} as const;

for (const customer of CUSTOMERS) {
  for (const nojs of NOJS) {
    test(`the search refuses an ending not sold, a domain already held and a bad name, ${customer.lang}${nojs}`, async ({
      portal,
      page,
    }) => {
      const t = texts[customer.lang];
      await portal.signIn(customer);
      await portal.goto('/orders/domain');
      await expect(page.locator('html')).toHaveAttribute('lang', customer.lang);
      await noSidewaysScroll(page);

      for (const [name, reason] of REFUSALS[customer.lang]) {
        await search(portal, t, name);
        // Back on the search (not on to an order), with the reason. (Soft: every refusal is
        // tried even when one message is wrong.)
        expect(new URL(page.url()).pathname).toBe('/orders/domain');
        await expect.soft(page.locator('main').getByRole('alert')).toHaveText(t[reason]);
        // The name as typed is still in the field, also on the new page without JavaScript.
        await expect(page.getByTestId('domain-search')).toHaveValue(name);
        await noSidewaysScroll(page);
      }

      // Nothing was started.
      await portal.goto('/');
      for (const [name] of REFUSALS[customer.lang]) {
        await expect(abandonedRow(page, name)).toHaveCount(0);
      }
    });
  }
}

// The journey, as the Polish customer: from the catalogue's "Order a domain" a free
// .eu name is a registration; the period is chosen and the order left at the registrant step;
// the dashboard's unfinished orders offer to continue it there; a phone number that is not one
// is refused; then the nameservers (ours, filled in), the review, and "Add to cart": the cart
// shows the domain for the period chosen at its price. The line is removed again.
const REGISTRATION = 'nowak-sklep.eu';

for (const nojs of NOJS) {
  test(`a .eu registration left at the registrant step, continued from the dashboard and put in the cart, pl${nojs}`, async ({
    portal,
    page,
  }) => {
    const t = texts.pl;
    await portal.signIn(accounts.pl);
    await portal.goto('/cart');
    const before = await cartLineCount(page);

    // The catalogue's domain prices lead to the search.
    await portal.openFromMenu(t.orderTitle, '/catalogue');
    const orderDomain = page.getByTestId('order-domain');
    await expect(orderDomain).toHaveText(t.orderDomain);
    await orderDomain.click();
    await expect(page).toHaveURL('/orders/domain');
    await portal.hydrated();
    await noSidewaysScroll(page);

    // Free: a registration, in four steps after the search (whose answer, the name, heads
    // the list).
    const id = await startOrder(portal, t, REGISTRATION);
    await expect(page.getByTestId('domain-order-title')).toHaveText(
      `${REGISTRATION} · ${t.kindRegistration}`,
    );
    await expect(page.locator('main')).toContainText(t.freeNote);
    await expect(
      page.getByRole('navigation', { name: t.stepsLabel }).getByTestId('domain-steps').locator('li'),
    ).toHaveText([REGISTRATION, t.stepPeriod, t.stepContacts, t.stepNameservers, t.stepReview]);
    await expectStep(page, 2, t.stepPeriod, []);
    await noSidewaysScroll(page);

    // The period: one year to ten, each with its price; two years.
    // (The step's heading is "Okres" too: the select is the combobox of that name.)
    const years = page
      .getByTestId('domain-step')
      .getByRole('combobox', { name: t.labelYears, exact: true });
    await expect(years).toHaveValue('1');
    await expect(years.locator('option')).toHaveCount(10);
    await years.selectOption('2');
    const [period, priceText] = normalise(
      (await years.locator('option:checked').textContent()) ?? '',
    ).split(': ');
    expect(period).toBe(t.period(24));
    expect(priceText).toContain('zł');
    const price = amount(priceText);
    await saveStep(portal, t, id);

    // The registrant, filled in from the customer's details (she gave no phone number).
    await expectStep(page, 3, t.stepContacts, [t.stepPeriod]);
    const step = page.getByTestId('domain-step');
    await expect(step.getByLabel(t.labelName, { exact: true })).toHaveValue(accounts.pl.name);
    await expect(step.getByLabel(t.labelEmail, { exact: true })).toHaveValue(accounts.pl.email);
    await expect(step.getByLabel(t.labelPhone, { exact: true })).toHaveValue('');
    await expect(step.getByLabel(t.labelAddress, { exact: true })).toHaveValue(
      'ul. Żółkiewskiego 12, 90-001 Łódź',
    );
    await noSidewaysScroll(page);

    // Left here, for the dashboard: the order waits at step 3 with a way to continue it.
    await portal.openFromMenu(t.dashboardTitle, '/');
    const box = page.getByTestId('abandoned-orders');
    await expect(box.getByRole('heading', { level: 2 })).toContainText(t.boxAbandonedOrders);
    const row = abandonedRow(page, REGISTRATION);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(t.orderKindDomainRegistration);
    await expect(row).toContainText(t.stepN(3));
    const resume = row.getByRole('link', { name: t.continueOrder, exact: true });
    await expect(resume).toHaveAttribute('href', `/orders/continue/${id}`);
    await noSidewaysScroll(page);
    await resume.click();
    await expect(page).toHaveURL(`/orders/continue/${id}`);
    await portal.hydrated();
    await expectStep(page, 3, t.stepContacts, [t.stepPeriod]);

    // Not a phone number: refused with the reason, still at the registrant step.
    await step.getByLabel(t.labelPhone, { exact: true }).fill('tel. domowy');
    await saveStep(portal, t, id);
    await expectStep(page, 3, t.stepContacts, [t.stepPeriod]);
    await expect.soft(step.getByRole('alert')).toHaveText(t.errPhoneInvalid);
    // What was typed is still there, to be corrected rather than typed again.
    await expect(step.getByLabel(t.labelPhone, { exact: true })).toHaveValue('tel. domowy');
    await expect(step.getByLabel(t.labelName, { exact: true })).toHaveValue(accounts.pl.name);

    await step.getByLabel(t.labelPhone, { exact: true }).fill('+48 22 123 45 67');
    await saveStep(portal, t, id);

    // The nameservers: ours, filled in.
    await expectStep(page, 4, t.stepNameservers, [t.stepPeriod, t.stepContacts]);
    await expect(step.getByRole('alert')).toHaveCount(0);
    await expect(step.getByLabel(t.labelNameservers, { exact: true })).toHaveValue(
      'ns1.portico.test\nns2.portico.test',
    );
    await noSidewaysScroll(page);
    await saveStep(portal, t, id);

    // The review: everything answered, and the price of the period chosen.
    await expectStep(page, 6, t.stepReview, [t.stepPeriod, t.stepContacts, t.stepNameservers]);
    await expect(reviewFact(page, t.domainLabel)).toHaveText(REGISTRATION);
    await expect(reviewFact(page, t.stepPeriod)).toHaveText(t.period(24));
    await expect(reviewFact(page, t.stepContacts)).toHaveText(
      'Jan Nowak · pl@portico.test · +48 22 123 45 67 · ul. Żółkiewskiego 12, 90-001 Łódź',
    );
    await expect(reviewFact(page, t.stepNameservers)).toHaveText(
      'ns1.portico.test, ns2.portico.test',
    );
    expect(normalise((await reviewFact(page, t.labelPrice).textContent()) ?? '')).toBe(priceText);
    await noSidewaysScroll(page);

    // Into the cart: the domain, new, for two years at that price.
    await portal.expectFullLoad(() =>
      page.getByTestId('domain-finish').and(page.getByRole('button', { name: t.addToCart, exact: true })).click(),
    );
    await expect(page).toHaveURL((url) => url.pathname === '/cart');
    await expect(page.getByTestId('cart-line')).toHaveCount(before + 1);
    const line = domainLine(page, REGISTRATION);
    await expect(line).toHaveCount(1);
    await expect(line.locator('strong').first()).toHaveText('.eu domain');
    await expect(line.getByTestId('line-kind')).toHaveText(t.newTag);
    await expect(line.getByTestId('cart-period')).toHaveValue('24');
    expect(amount(await line.getByTestId('line-total').textContent())).toBe(price);
    await noSidewaysScroll(page);

    // Finished: no longer among the unfinished orders.
    await portal.goto('/');
    await expect(abandonedRow(page, REGISTRATION)).toHaveCount(0);

    // Removed again, so the cart is as it was.
    await portal.goto('/cart');
    await portal.expectFullLoad(() =>
      domainLine(page, REGISTRATION)
        .getByRole('button', { name: t.removeNamed('.eu domain'), exact: true })
        .click(),
    );
    await expect(page).toHaveURL((url) => url.pathname === '/cart');
    await expect(domainLine(page, REGISTRATION)).toHaveCount(0);
    expect(await cartLineCount(page)).toBe(before);
  });
}

// A .hu name held elsewhere is a transfer, and the .hu registry wants the holder's signed
// declaration: an extra step before the review. The file is judged by its content, not its
// name: a program called declaration.pdf is refused with the reason and the order stays at the
// declaration; a PDF goes on to the review, which lists it as submitted, and the declaration
// step shows it and gives it back as uploaded. Without JavaScript too (a plain multipart form).
// The order is deleted from the dashboard afterwards.
const TRANSFERS = {
  pl: { domain: 'taken-nowak.hu', phone: '+48 22 123 45 67' },
  hu: { domain: 'taken-kovacs.hu', phone: '+36 1 234 5678' },
} as const;

const NOT_A_PDF = Buffer.from('MZ\x90\x00\x03\x00\x00\x00 a program, not a declaration');
const A_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
    '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n' +
    'trailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

for (const customer of CUSTOMERS) {
  for (const nojs of NOJS) {
    test(`a .hu transfer asks for the signed declaration, refuses a file that is not a PDF and takes a PDF, ${customer.lang}${nojs}`, async ({
      portal,
      page,
    }) => {
      const t = texts[customer.lang];
      const { domain, phone } = TRANSFERS[customer.lang];
      await portal.signIn(customer);
      await portal.goto('/orders/domain');

      // Held elsewhere: a transfer, in five steps after the search.
      const id = await startOrder(portal, t, domain);
      await expect(page.getByTestId('domain-order-title')).toHaveText(`${domain} · ${t.kindTransfer}`);
      await expect(page.locator('main')).toContainText(t.takenNote);
      await expect(page.getByTestId('domain-steps').locator('li')).toHaveText([
        domain,
        t.stepPeriod,
        t.stepContacts,
        t.stepNameservers,
        t.stepDeclaration,
        t.stepReview,
      ]);
      await expectStep(page, 2, t.stepPeriod, []);
      await saveStep(portal, t, id);

      await expectStep(page, 3, t.stepContacts, [t.stepPeriod]);
      const step = page.getByTestId('domain-step');
      // The registrant is the customer (the company, by its name); neither gave a phone
      // number of its own.
      await expect(step.getByLabel(t.labelName, { exact: true })).toHaveValue(customer.name);
      await expect(step.getByLabel(t.labelEmail, { exact: true })).toHaveValue(customer.email);
      await expect(step.getByLabel(t.labelPhone, { exact: true })).toHaveValue('');
      await step.getByLabel(t.labelPhone, { exact: true }).fill(phone);
      await saveStep(portal, t, id);
      await expectStep(page, 4, t.stepNameservers, [t.stepPeriod, t.stepContacts]);
      await saveStep(portal, t, id);

      // The declaration: nothing uploaded yet.
      const answered = [t.stepPeriod, t.stepContacts, t.stepNameservers];
      await expectStep(page, 5, t.stepDeclaration, answered);
      await expect(page.getByTestId('declaration-status')).toHaveCount(0);
      await noSidewaysScroll(page);
      const file = step.getByLabel(t.labelDeclaration, { exact: true });
      await expect(file).toHaveAttribute('type', 'file');

      // Not a PDF, JPEG or PNG, whatever its name says: refused, still at the declaration.
      await file.setInputFiles({ name: 'declaration.pdf', mimeType: 'application/pdf', buffer: NOT_A_PDF });
      await portal.expectFullLoad(() =>
        step.getByRole('button', { name: t.upload, exact: true }).click(),
      );
      expectOrderPage(page, id);
      const query = new URL(page.url()).searchParams;
      expect(query.get('step')).toBe('5');
      expect(query.get('error')).toBe('file_type');
      await expectStep(page, 5, t.stepDeclaration, answered);
      await expect(step.getByRole('alert')).toHaveText(t.errFileType);
      await expect(page.getByTestId('declaration-status')).toHaveCount(0);
      await noSidewaysScroll(page);

      // A PDF: on to the review, which lists it as submitted for the registry's review.
      await file.setInputFiles({ name: 'declaration.pdf', mimeType: 'application/pdf', buffer: A_PDF });
      await portal.expectFullLoad(() =>
        step.getByRole('button', { name: t.upload, exact: true }).click(),
      );
      expectOrderPage(page, id);
      expect(new URL(page.url()).search).toBe('');
      await expectStep(page, 6, t.stepReview, [...answered, t.stepDeclaration]);
      await expect(reviewFact(page, t.domainLabel)).toHaveText(domain);
      await expect(reviewFact(page, t.stepPeriod)).toHaveText(t.period(12));
      await expect(reviewFact(page, t.stepDeclaration)).toHaveText(
        `declaration.pdf · ${t.documentSubmitted}`,
      );
      expect(amount(await reviewFact(page, t.labelPrice).textContent())).toBeGreaterThan(0);
      await expect(step.getByRole('alert')).toHaveCount(0);
      await noSidewaysScroll(page);

      // Back at the declaration step: the file, submitted, and given back as it was uploaded.
      await page
        .getByTestId('domain-steps')
        .getByRole('link', { name: t.stepDeclaration, exact: true })
        .click();
      await expect(page).toHaveURL(`/orders/continue/${id}?step=5`);
      await portal.hydrated();
      await expectStep(page, 5, t.stepDeclaration, [...answered, t.stepReview]);
      const status = page.getByTestId('declaration-status');
      await expect(status).toContainText(t.documentSubmitted);
      const download = status.getByRole('link', { name: 'declaration.pdf', exact: true });
      const href = await download.getAttribute('href');
      expect(href).toMatch(/^\/documents\/\d+$/);
      const response = await page.request.get(href!);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('application/pdf');
      expect(response.headers()['content-disposition']).toContain('attachment');
      expect(Buffer.compare(await response.body(), A_PDF)).toBe(0);
      await expect(step.getByRole('alert')).toHaveCount(0);
      await noSidewaysScroll(page);

      // Left at the review: the dashboard shows it at step 6; deleted from there.
      await portal.goto('/');
      const row = abandonedRow(page, domain);
      await expect(row).toContainText(t.orderKindDomainTransfer);
      await expect(row).toContainText(t.stepN(6));
      await deleteFromDashboard(portal, t, domain);
    });
  }
}
