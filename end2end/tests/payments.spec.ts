import type { Page } from '@playwright/test';
import { accounts, expect, noSidewaysScroll, test, type Portal } from './fixtures';

// Paying (/invoices/{id}/pay, the sandbox gateway's page, /payments/{id}, seed 000) as the
// Hungarian demo company. The texts are app/src/i18n/hu/payments.rs and hu/invoices.rs.
const hu = {
  pay: 'Fizetés',
  payByCard: 'Fizetés bankkártyával',
  cardNumber: 'Kártyaszám',
  sandbox: 'TESZTKÖRNYEZET',
  declined: 'A fizetés elutasítva',
  tryAgain: 'Újrapróbálom',
  received: 'A fizetés megérkezett',
  invoice: 'Számla',
  paid: 'Kifizetve',
  reference: 'Közlemény',
  invoices: 'Számlák',
  deleteConfirm: 'Igen, törlöm',
};

const SUCCEEDS = '4242 4242 4242 4242';
const DECLINED = '4000 0000 0000 0002';

/** From the dashboard's overdue proforma to its payment step; returns its number. */
async function toThePaymentStep(portal: Portal, page: Page): Promise<string> {
  await portal.signIn(accounts.demo);
  const box = page.getByTestId('unpaid-proformas');
  await expect(box.locator('tbody tr')).toHaveCount(2);
  const overdue = box.locator('tr').filter({ has: page.locator('.badge--danger') });
  const number = (await overdue.getByRole('link').first().textContent())!.trim();
  await overdue.getByRole('link', { name: `${number} fizetése` }).click();
  await expect(page).toHaveURL(/\/invoices\/\d+\/pay$/);
  await expect(page.getByTestId('pay-title')).toContainText(number);
  await expect(page.getByTestId('pay-amount')).toContainText('Ft');
  // Bank transfer: the account, and the number to quote.
  const transfer = page.getByTestId('bank-transfer');
  await expect(transfer).toContainText(hu.reference);
  await expect(page.getByTestId('transfer-reference')).toHaveText(number);
  await noSidewaysScroll(page);
  return number;
}

/** "Pay by card", then a card on the sandbox gateway's page; ends on the return page. */
async function payWithCard(portal: Portal, page: Page, card: string) {
  // The gateway's page is another site's: plain HTML, no wasm to wait for.
  await page.getByRole('button', { name: hu.payByCard }).click();
  await expect(page).toHaveURL(/\/sandbox\/gateway\/sbx_/);
  await expect(page.getByTestId('sandbox-banner')).toContainText(hu.sandbox);
  await noSidewaysScroll(page);
  await page.getByLabel(hu.cardNumber).fill(card);
  await page.getByLabel(hu.cardNumber).press('Enter');
  await expect(page).toHaveURL(/\/payments\/\d+$/);
  await portal.hydrated();
}

for (const nojs of ['', ' @nojs']) {
  test(`a declined card, then the overdue proforma paid by card from the dashboard${nojs}`, async ({ portal, page }) => {
    const number = await toThePaymentStep(portal, page);

    // Declined: the page says so, nothing is paid, and "Try again" leads back.
    await payWithCard(portal, page, DECLINED);
    const outcome = page.getByTestId('payment-outcome');
    await expect(outcome).toHaveAttribute('data-status', 'failed');
    await expect(outcome.getByRole('heading')).toHaveText(hu.declined);
    await noSidewaysScroll(page);
    await outcome.getByRole('link', { name: hu.tryAgain }).click();
    await expect(page).toHaveURL(/\/invoices\/\d+\/pay$/);

    // Paid: the return page leads to the final invoice, which names the proforma.
    await payWithCard(portal, page, SUCCEEDS);
    await expect(outcome).toHaveAttribute('data-status', 'succeeded');
    await expect(outcome.getByRole('heading')).toHaveText(hu.received);
    await noSidewaysScroll(page);
    const finalLink = page.getByTestId('final-invoice');
    const finalNumber = ((await finalLink.textContent())!.match(/VRS\d{2}-\d{5}/) ?? [''])[0];
    expect(finalNumber).not.toBe('');
    // The final invoice's PDF.
    const pdfHref = await outcome.getByRole('link', { name: `${finalNumber} letöltése PDF-ben` }).getAttribute('href');
    const pdf = await page.request.get(pdfHref!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toContain(`${finalNumber}.pdf`);
    await finalLink.click();
    await expect(page.getByTestId('invoice-title')).toContainText(`${hu.invoice} ${finalNumber}`);
    await expect(page.getByTestId('invoice-title').locator('[data-status]')).toHaveAttribute('data-status', 'paid');
    await expect(page.getByRole('link', { name: number, exact: true })).toBeVisible();

    // The dashboard's box now holds only the other proforma; the paid one cannot be paid again.
    await portal.goto('/');
    await expect(page.getByTestId('unpaid-proformas').locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId('unpaid-proformas')).not.toContainText(number);

    // Seed 002: the other proforma is deleted from the list, its order cancelled with it.
    await page.locator('.primary-nav').getByRole('link', { name: hu.invoices, exact: true }).click();
    const rows = page.getByTestId('invoice-row');
    await expect(rows).toHaveCount(1);
    await rows.getByTestId('invoice-delete').locator('summary').click();
    await portal.expectFullLoad(() => rows.getByRole('button', { name: hu.deleteConfirm }).click());
    await expect(page.getByTestId('invoices-empty')).toBeVisible();
    await portal.goto('/');
    await expect(page.getByTestId('unpaid-proformas')).toHaveCount(0);
  });
}

// Seed 002 "copy the link": the Polish customer makes a pay link for her proforma; someone
// with no session (a fresh browser) opens it, sees only that document, and pays it by card.
const pl = {
  invoices: 'Faktury',
  view: 'Zobacz',
  createLink: 'Utwórz link do płatności',
  payByCard: 'Zapłać kartą',
  cardNumber: 'Numer karty',
};

for (const nojs of ['', ' @nojs']) {
  test(`a pay link opened in a fresh browser pays the document without signing in${nojs}`, async ({ portal, page, browser }) => {
    await portal.signIn(accounts.pl);
    await page.locator('.primary-nav').getByRole('link', { name: pl.invoices, exact: true }).click();
    const row = page.getByTestId('invoice-row').first();
    const number = (await row.getAttribute('data-number'))!;
    await row.getByRole('link', { name: new RegExp(`^${pl.view} `) }).click();
    await portal.expectFullLoad(() => page.getByRole('button', { name: pl.createLink }).click());
    const link = await page.getByTestId('pay-link-url').inputValue();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\/[A-Za-z0-9_-]{40,}$/);
    await noSidewaysScroll(page);

    // A stranger's browser: no cookies, the same screen size and JavaScript setting.
    const context = await browser.newContext({
      viewport: page.viewportSize(),
      javaScriptEnabled: portal.js,
      locale: 'pl-PL',
    });
    const payer = await context.newPage();
    const response = await payer.goto(link);
    expect(response!.headers()['referrer-policy']).toBe('no-referrer');
    expect(response!.headers()['x-robots-tag']).toContain('noindex');
    await expect(payer.getByTestId('pay-link-title')).toContainText(number);
    await expect(payer.getByTestId('pay-amount')).toHaveText(/12,50\szł/);
    await expect(payer.locator('.primary-nav')).toHaveCount(0);
    await noSidewaysScroll(payer);
    await payer.getByRole('button', { name: pl.payByCard }).click();
    await expect(payer).toHaveURL(/\/sandbox\/gateway\/sbx_/);
    await payer.getByLabel(pl.cardNumber).fill(SUCCEEDS);
    await payer.getByLabel(pl.cardNumber).press('Enter');
    await expect(payer).toHaveURL(link);
    await expect(payer.getByTestId('pay-link')).toHaveAttribute('data-paid', 'true');
    await expect(payer.getByTestId('pay-link-paid')).toBeVisible();
    await context.close();

    // The customer sees the proforma paid.
    await portal.goto('/invoices?filter=paid');
    await expect(page.locator(`[data-testid="invoice-row"][data-number="${number}"]`)).toBeVisible();
  });
}

// One pay link for several documents (issue 9), as the Hungarian demo company: two domains
// renewed, then every unpaid document paid at once by a stranger's browser.
for (const nojs of ['', ' @nojs']) {
  test(`one link pays every unpaid document at once${nojs}`, async ({ portal, page, browser }) => {
    await portal.signIn(accounts.demo);
    for (const name of ['kovacs-webshop.hu', 'kovacs.eu']) {
      await portal.goto('/services');
      await page.getByTestId('services-table').getByRole('link', { name, exact: true }).click();
      await page.getByTestId('renew').click();
      await expect(page).toHaveURL(/\/services\/\d+\/renew$/);
      await page.getByTestId('pay-proforma').check();
      await portal.expectFullLoad(() => page.getByTestId('renew-submit').click());
      await expect(page).toHaveURL(/\/invoices\/\d+$/);
    }
    await portal.goto('/invoices');
    const unpaid = page.locator('[data-testid="invoice-row"][data-status="unpaid"]');
    const numbers = await unpaid.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')!));
    expect(numbers.length).toBeGreaterThanOrEqual(2);
    await portal.expectFullLoad(() => page.getByTestId('create-pay-all-link').click());
    const link = await page.getByTestId('pay-all-url').inputValue();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\/all\/[A-Za-z0-9_-]{40,}$/);
    await noSidewaysScroll(page);

    // A stranger's browser: no cookies, the same screen size and JavaScript setting.
    const context = await browser.newContext({
      viewport: page.viewportSize(),
      javaScriptEnabled: portal.js,
      locale: 'hu-HU',
    });
    const payer = await context.newPage();
    const response = await payer.goto(link);
    expect(response!.headers()['referrer-policy']).toBe('no-referrer');
    expect(response!.headers()['x-robots-tag']).toContain('noindex');
    await expect(payer.getByTestId('pay-all-row')).toHaveCount(numbers.length);
    for (const number of numbers) await expect(payer.getByTestId('pay-all')).toContainText(number);
    await expect(payer.locator('.primary-nav')).toHaveCount(0);
    await noSidewaysScroll(payer);
    await payer.getByTestId('pay-all-by-card').click();
    await expect(payer).toHaveURL(/\/sandbox\/gateway\/sbx_/);
    await payer.getByLabel(hu.cardNumber).fill(SUCCEEDS);
    await payer.getByLabel(hu.cardNumber).press('Enter');
    await expect(payer).toHaveURL(link);
    await expect(payer.getByTestId('pay-all')).toHaveAttribute('data-paid', 'true');
    await expect(payer.getByTestId('pay-all-paid')).toBeVisible();
    await context.close();

    // The customer owes nothing now.
    await portal.goto('/invoices');
    await expect(page.getByTestId('invoices-empty')).toBeVisible();
  });
}
