import { accounts, expect, noSidewaysScroll, test } from './fixtures';

// Orders (/orders, /orders/{id}) as the Hungarian demo company. The texts are
// app/src/i18n/hu/orders.rs.
const hu = {
  orders: 'Megrendelések',
  net: 'Nettó',
  vatRate: 'ÁFA-kulcs',
  vat: 'ÁFA',
  gross: 'Bruttó',
};

test('the orders list shows plan, IP and cost', async ({ portal, page }) => {
  await portal.signIn(accounts.demo);
  await page.getByRole('link', { name: hu.orders, exact: true }).first().click();
  await expect(page).toHaveURL('/orders');
  const row = page.getByTestId('order-row').filter({ hasText: 'R-2026-0340' });
  await expect(row).toContainText('VPS M');
  await expect(row).toContainText('185.51.190.12');
  await expect(row.getByRole('link', { name: 'Kezelés' })).toHaveAttribute('href', /^\/services\/\d+$/);
  await row.getByRole('link', { name: 'R-2026-0340' }).click();
  await expect(page.getByTestId('order-title')).toContainText('R-2026-0340');
  await expect(page.getByTestId('order-event')).toHaveCount(2);
  // Each line shows net, VAT (with its rate) and gross, which add up to the order's total.
  const lines = page.getByRole('table').filter({ has: page.getByText(hu.gross) });
  for (const header of [hu.net, hu.vatRate, hu.vat, hu.gross]) {
    await expect(lines.getByRole('columnheader', { name: header, exact: true })).toBeAttached();
  }
  await expect(lines.locator('tbody tr').first()).toContainText('27%');
  await noSidewaysScroll(page);
});
