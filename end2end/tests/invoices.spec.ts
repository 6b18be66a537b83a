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
};

// Every journey here is made of links: the same steps with JavaScript and without.
for (const nojs of ['', ' @nojs']) {
  test(`the overdue proforma from the dashboard, then the paid invoices${nojs}`, async ({ portal, page }) => {
    await portal.signIn(accounts.demo);

    // The dashboard's unpaid-proformas box links each number to its document.
    const box = page.getByTestId('unpaid-proformas');
    const overdueRow = box.locator('tr').filter({ has: page.locator('.badge--danger') });
    const number = (await overdueRow.getByRole('link').textContent())!.trim();
    expect(number).toMatch(/^DBK\d{2}-\d{5}$/);
    await overdueRow.getByRole('link', { name: number }).click();
    await expect(page).toHaveURL(/\/invoices\/\d+$/);
    await expect(page.getByTestId('invoice-title')).toContainText(number);
    await expect(page.getByTestId('invoice-title').locator('[data-status]')).toHaveAttribute('data-status', 'unpaid');
    await expect(page.getByTestId('overdue')).toHaveText(hu.overdue);
    await expect(page.getByTestId('invoice-total')).toContainText('Ft');
    await expect(page.getByTestId('pay-note')).toBeVisible();
    await expect(page.getByRole('heading', { name: hu.vatByRate })).toBeVisible();
    await expect(page.getByRole('table').last().locator('tbody tr').first()).toContainText('27%');
    await noSidewaysScroll(page);

    // The main navigation's "Invoices" opens on the unpaid documents.
    await page.locator('.primary-nav').getByRole('link', { name: hu.invoices, exact: true }).click();
    await expect(page).toHaveURL('/invoices');
    const filter = page.getByTestId('invoice-filter');
    await expect(filter.getByRole('link', { name: hu.unpaid })).toHaveAttribute('aria-current', 'page');
    const rows = page.getByTestId('invoice-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: number })).toContainText(hu.overdue);
    await noSidewaysScroll(page);

    // Paid: final invoices and their proformas, none unpaid; a final invoice names its proforma.
    await filter.getByRole('link', { name: hu.paid }).click();
    await expect(page).toHaveURL('/invoices?filter=paid');
    await expect(filter.getByRole('link', { name: hu.paid })).toHaveAttribute('aria-current', 'page');
    await expect(rows.first()).toBeVisible();
    await expect(page.locator('[data-testid="invoice-row"][data-status="unpaid"]')).toHaveCount(0);
    const finalInvoice = rows.filter({ hasText: hu.invoice }).first();
    await finalInvoice.getByRole('link', { name: / megtekintése$/ }).click();
    await expect(page.getByTestId('invoice-title')).toContainText(hu.invoice);
    await expect(page.getByText(hu.madeFrom, { exact: true })).toBeVisible();
    await expect(page.getByTestId('pay-note')).toHaveCount(0);
    await expect(page.getByRole('link', { name: /^R-2026-\d{4}$/ })).toHaveAttribute('href', /^\/orders\/\d+$/);
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
