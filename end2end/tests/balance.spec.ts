import { accounts, expect, noSidewaysScroll, test } from './fixtures';

// The balance (seed 002 "Saldo"): Anna (German, 20,00 € on her balance from a top-up) renews
// her domain, pays the proforma from her balance, finds both movements on /balance, and tops
// the balance up by card through the sandbox gateway.
// The texts are app/src/i18n/de/balance.rs and de/payments.rs.
const de = {
  topUpByCard: 'Mit Karte aufladen',
  amount: 'Betrag',
  tooSmall: 'Das ist weniger als die kleinste Aufladung.',
  cardNumber: 'Kartennummer',
  viewBalance: 'Guthaben ansehen',
  fromBalance: 'Aus dem Guthaben bezahlen',
  balance: 'Guthaben',
  topUp: 'Aufladung',
  paid: 'Beleg bezahlt',
};

for (const nojs of ['', ' @nojs']) {
  test(`a renewal paid from the balance, and the ledger that shows it${nojs}`, async ({ portal, page }) => {
    await portal.signIn(accounts.anna);
    await portal.goto('/balance');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(de.balance);
    await expect(page.getByTestId('balance-now')).toHaveText(/^20,00\s€$/);
    await expect(page.getByTestId('ledger-row')).toHaveCount(1);
    await expect(page.getByTestId('ledger-row')).toContainText(de.topUp);
    await noSidewaysScroll(page);

    // Her domain renews itself; to renew by hand, automatic renewal goes off first.
    await portal.goto('/services');
    await page.getByTestId('services-table').getByRole('link', { name: 'anna-schmidt.de', exact: true }).click();
    await page.getByTestId('auto-renew-toggle').click();
    await expect(page.getByTestId('renew')).toBeVisible();
    await page.getByTestId('renew').click();
    await expect(page).toHaveURL(/\/services\/\d+\/renew$/);
    await page.getByTestId('pay-proforma').check();
    await portal.expectFullLoad(() => page.getByTestId('renew-submit').click());
    await expect(page).toHaveURL(/\/invoices\/\d+$/);
    await page.getByTestId('pay').click();
    await expect(page).toHaveURL(/\/invoices\/\d+\/pay$/);
    await portal.hydrated();

    // The payment step offers the balance, which covers the renewal.
    const box = page.getByTestId('pay-balance');
    await expect(box).toContainText('20,00');
    await noSidewaysScroll(page);
    await box.getByRole('button', { name: de.fromBalance }).click();
    await expect(page).toHaveURL(/\/payments\/\d+$/);
    await expect(page.getByTestId('payment-outcome')).toHaveAttribute('data-status', 'succeeded');
    await expect(page.getByTestId('final-invoice')).toContainText(/VRS\d{2}-\d{5}/);

    // The ledger: the payment on top, naming the proforma, the balance it left below 20 €.
    await portal.goto('/balance');
    const rows = page.getByTestId('ledger-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toHaveAttribute('data-reason', 'payment');
    await expect(rows.first()).toContainText(de.paid);
    await expect(rows.first().getByRole('link')).toHaveText(/DBK\d{2}-\d{5}/);
    await expect(page.getByTestId('balance-now')).not.toHaveText(/^20,00/);
    await noSidewaysScroll(page);

    // Topping up by card: too little is refused with the reason, 25 € goes through the gateway.
    const topUp = page.getByTestId('top-up');
    await topUp.getByLabel(de.amount).fill('1');
    await portal.expectFullLoad(() => topUp.getByRole('button', { name: de.topUpByCard }).click());
    await expect(topUp.getByRole('alert')).toHaveText(de.tooSmall);
    await expect(topUp.getByLabel(de.amount)).toHaveValue('1');
    await page.getByTestId('top-up').getByLabel(de.amount).fill('25');
    await page.getByTestId('top-up').getByRole('button', { name: de.topUpByCard }).click();
    await expect(page).toHaveURL(/\/sandbox\/gateway\/sbx_/);
    await expect(page.getByText('25,00 €', { exact: true })).toBeVisible();
    await page.getByLabel(de.cardNumber).fill('4242 4242 4242 4242');
    await page.getByLabel(de.cardNumber).press('Enter');
    await expect(page).toHaveURL(/\/payments\/\d+$/);
    await expect(page.getByTestId('payment-outcome')).toHaveAttribute('data-status', 'succeeded');
    await portal.hydrated();
    await page.getByTestId('view-balance').click();
    await expect(page).toHaveURL(/\/balance$/);
    await expect(rows).toHaveCount(3);
    await expect(rows.first()).toHaveAttribute('data-reason', 'top_up');
    await noSidewaysScroll(page);
  });
}
