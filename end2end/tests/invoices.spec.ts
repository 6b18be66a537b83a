import type { Page } from '@playwright/test';
import { accounts, expect, noSidewaysScroll, test } from './fixtures';

// Invoices (/invoices, /invoices/{id}, seed 002 "Rechnungen") as the Hungarian demo company.
// The texts are app/src/i18n/hu/invoices.rs and the shared ones in app/src/i18n/hu/mod.rs.
const hu = {
  invoices: 'Számlák',
  unpaid: 'Kifizetetlen',
  paid: 'Kifizetett',
  all: 'Összes',
  overdue: 'Lejárt',
  invoice: 'Számla',
  madeFrom: 'Díjbekérő',
  vatByRate: 'ÁFA kulcsonként',
  whatChanged: 'Mi változott',
};

/** The link serves the document as a PDF, named by its number. */
async function expectPdf(page: Page, href: string | null, number: string) {
  expect(href).toMatch(/^\/invoices\/\d+\/pdf$/);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  expect(res.headers()['content-disposition']).toContain(`${number}.pdf`);
  expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
}

// Every journey here is made of links: the same steps with JavaScript and without.
for (const nojs of ['', ' @nojs']) {
  test(`the overdue proforma from the dashboard, then the paid invoices${nojs}`, async ({ portal, page }) => {
    await portal.signIn(accounts.demo);

    // The dashboard's unpaid-proformas box links each number to its PDF (seed 000).
    const box = page.getByTestId('unpaid-proformas');
    const overdueRow = box.locator('tr').filter({ has: page.locator('.badge--danger') });
    const numberLink = overdueRow.getByRole('link', { name: / letöltése PDF-ben$/ });
    const number = (await numberLink.textContent())!.trim();
    expect(number).toMatch(/^DBK\d{2}-\d{5}$/);
    await expectPdf(page, await numberLink.getAttribute('href'), number);

    // The main navigation's "Invoices" opens on the unpaid documents.
    await page.locator('.primary-nav').getByRole('link', { name: hu.invoices, exact: true }).click();
    await expect(page).toHaveURL('/invoices');
    const filter = page.getByTestId('invoice-filter');
    await expect(filter.getByRole('link', { name: hu.unpaid })).toHaveAttribute('aria-current', 'page');
    const rows = page.getByTestId('invoice-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: number })).toContainText(hu.overdue);
    await noSidewaysScroll(page);

    // The overdue proforma's page: due date marked, total, how to pay, VAT by rate, its PDF.
    await rows.filter({ hasText: number }).getByRole('link', { name: `${number} megtekintése` }).click();
    await expect(page).toHaveURL(/\/invoices\/\d+$/);
    await expect(page.getByTestId('invoice-title')).toContainText(number);
    await expect(page.getByTestId('invoice-title').locator('[data-status]')).toHaveAttribute('data-status', 'unpaid');
    await expect(page.getByTestId('overdue')).toHaveText(hu.overdue);
    await expect(page.getByTestId('invoice-total')).toContainText('Ft');
    await expect(page.getByTestId('pay')).toHaveAttribute('href', /^\/invoices\/\d+\/pay$/);
    await expect(page.getByRole('heading', { name: hu.vatByRate })).toBeVisible();
    await expect(page.getByRole('table').last().locator('tbody tr').first()).toContainText('27%');
    await expectPdf(page, await page.getByTestId('invoice-pdf').getAttribute('href'), number);
    // Seed 002 "request a quote": the same lines as a non-binding PDF.
    const quote = await page.request.get((await page.getByTestId('invoice-quote').getAttribute('href'))!);
    expect(quote.headers()['content-type']).toBe('application/pdf');
    expect(quote.headers()['content-disposition']).toContain(`${number}-AJN.pdf`);
    await noSidewaysScroll(page);

    // Back to the list.
    await page.locator('.primary-nav').getByRole('link', { name: hu.invoices, exact: true }).click();

    // Paid: final invoices and their proformas, none unpaid; a final invoice names its proforma.
    await filter.getByRole('link', { name: hu.paid }).click();
    await expect(page).toHaveURL('/invoices?filter=paid');
    await expect(filter.getByRole('link', { name: hu.paid })).toHaveAttribute('aria-current', 'page');
    await expect(rows.first()).toBeVisible();
    await expect(page.locator('[data-testid="invoice-row"][data-status="unpaid"]')).toHaveCount(0);
    // The newest VPS M monthly fee (10 000 Ft + 27 %): the cart journey (cart.spec.ts, run
    // before this file) pays other renewals today, whose final invoice is listed first.
    const finalInvoice = rows.filter({ hasText: hu.invoice }).filter({ hasText: /12\s700\sFt/ }).first();
    await finalInvoice.getByRole('link', { name: / megtekintése$/ }).click();
    await expect(page.getByTestId('invoice-title')).toContainText(hu.invoice);
    await expect(page.getByText(hu.madeFrom, { exact: true })).toBeVisible();
    await expect(page.getByTestId('pay')).toHaveCount(0);
    await expect(page.getByRole('link', { name: /^R-2026-\d{4}$/ })).toHaveAttribute('href', /^\/orders\/\d+$/);
    // "What changed": the newest VPS M invoice against the one before it, on the same terms.
    const changed = page.getByTestId('what-changed');
    await expect(changed.getByRole('heading', { name: hu.whatChanged })).toBeVisible();
    await expect(changed.getByTestId('no-change')).toBeVisible();
    await expect(changed.getByRole('link', { name: /^VRS\d{2}-\d{5}$/ })).toHaveAttribute('href', /^\/invoices\/\d+$/);
    await noSidewaysScroll(page);
    // Its proforma, paid by the same amount.
    const total = await page.getByTestId('invoice-total').textContent();
    await page.getByRole('link', { name: /^DBK\d{2}-\d{5}$/ }).click();
    await expect(page.getByTestId('invoice-title')).toContainText(hu.madeFrom);
    await expect(page.getByTestId('invoice-total')).toHaveText(total!);

    // All: the unpaid ones and the paid ones together.
    await page.locator('.primary-nav').getByRole('link', { name: hu.invoices, exact: true }).click();
    await filter.getByRole('link', { name: hu.all }).click();
    await expect(page).toHaveURL('/invoices?filter=all');
    await expect(filter.getByRole('link', { name: hu.all })).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('[data-testid="invoice-row"][data-status="unpaid"]')).toHaveCount(2);
    await expect(page.locator('[data-testid="invoice-row"][data-status="paid"]').first()).toBeVisible();
  });
}
