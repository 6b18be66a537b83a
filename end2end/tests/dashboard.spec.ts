import { BOX_IDS, expectDemoDashboard } from './demo-dashboard';
import {
  accounts,
  expect,
  isDashboardUrl,
  LANG_COOKIE,
  noSidewaysScroll,
  test,
  type Portal,
} from './fixtures';
import { normalise, texts } from './texts';

// Read-only journeys first; the ones that change the demo company's data come last, in
// file order (the project's database is shared by all its tests).

test('the demo company sees its name and all six dashboard boxes', async ({ portal, page }) => {
  await portal.signIn(accounts.demo);
  await expectDemoDashboard(page);
});

test('a customer with nothing pending sees the empty state, in German', async ({
  portal,
  page,
}) => {
  const anna = accounts.anna;
  const t = texts[anna.lang];
  await portal.signIn(anna);
  await expect(page.locator('html')).toHaveAttribute('lang', anna.lang);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.dashboardTitle);
  await expect(page.getByTestId('account-name')).toHaveText(anna.name);
  await expect(page.getByTestId('dashboard-empty')).toHaveText(t.nothingPending);
  await expect(page.locator('section.box')).toHaveCount(0);
  await expect(page.getByRole('button', { name: t.logOut })).toBeVisible();
});

test('a Polish customer sees amounts in złoty, written the Polish way', async ({
  portal,
  page,
}) => {
  const jan = accounts.pl;
  const t = texts[jan.lang];
  await portal.signIn(jan);
  await expect(page.locator('html')).toHaveAttribute('lang', jan.lang);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.dashboardTitle);
  await expect(page.getByTestId('account-name')).toHaveText(jan.name);
  await expect(page.getByTestId('expiring-domains').locator('tbody tr')).toContainText([
    'nowak.pl',
  ]);
  const proformas = page.getByTestId('unpaid-proformas');
  await expect(proformas.locator('tbody tr')).toHaveCount(1);
  expect(normalise(await proformas.locator('td.amount').innerText())).toBe('12,50 zł');
});

// Only the phone project runs "@phone" journeys.
test('the dashboard does not scroll sideways on a phone @phone', async ({ portal, page }) => {
  await portal.signIn(accounts.demo);
  await expect(page.getByTestId('unpaid-proformas')).toBeVisible();
  await noSidewaysScroll(page);
});

test('switching the language reloads the page in it and keeps it as the setting', async ({
  portal,
  page,
  context,
}) => {
  const [hu, en] = [texts.hu, texts.en];
  await portal.signIn(accounts.demo);
  try {
    await expect(page.getByLabel(hu.language)).toHaveValue('hu');
    await portal.expectFullLoad(async () => {
      await page.getByLabel(hu.language).selectOption({ label: 'English' });
      await page.getByRole('button', { name: hu.switchLanguage }).click();
    });
    await expect(page).toHaveURL(isDashboardUrl);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.dashboardTitle);
    await expect(page.getByTestId('account-name')).toHaveText(accounts.demo.name);
    await expect(page.getByRole('navigation', { name: en.mainNavigation })).toBeVisible();
    await expect(page.getByRole('button', { name: en.logOut })).toBeVisible();
    await expect(
      page.getByTestId('abandoned-orders').getByRole('heading', { level: 2 }),
    ).toContainText(en.boxAbandonedOrders);
    await expect(page.getByLabel(en.language)).toHaveValue('en');

    // Saved for the customer, not only in the browser's language cookie.
    await context.clearCookies({ name: LANG_COOKIE });
    await page.reload();
    await portal.hydrated();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.dashboardTitle);

    await portal.expectFullLoad(async () => {
      await page.getByLabel(en.language).selectOption({ label: 'Magyar' });
      await page.getByRole('button', { name: en.switchLanguage }).click();
    });
    await expect(page.locator('html')).toHaveAttribute('lang', 'hu');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(hu.dashboardTitle);
    await expect(page.getByTestId('account-name')).toHaveText(accounts.demo.name);
    await expect(page.getByLabel(hu.language)).toHaveValue('hu');
  } finally {
    // Leave the demo company Hungarian for the tests after this one, whatever happened.
    await page.request.post('/api/set_language', { form: { lang: 'hu' } });
  }
});

/**
 * Deletes the unfinished order through its confirmation: the form posts and the server sends
 * the browser back to the dashboard, without the order's box; the other boxes stay.
 */
async function deleteTheUnfinishedOrder(portal: Portal) {
  const page = portal.page;
  const t = texts.hu;
  await portal.signIn(accounts.demo);
  const order = page
    .getByTestId('abandoned-orders')
    .getByRole('row')
    .filter({ hasText: 'kovacs-uj.hu' });
  const question = order.getByRole('group', { name: t.deleteOrderQuestion });

  // The confirmation stays closed until asked for.
  await expect(question).toBeHidden();
  await order.locator('summary', { hasText: t.delete }).click();
  await expect(question).toBeVisible();

  await portal.expectFullLoad(() =>
    question.getByRole('button', { name: t.deleteConfirm }).click(),
  );
  await expect(page).toHaveURL(isDashboardUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.dashboardTitle);
  // The order was the only one, so its whole box goes.
  await expect(page.getByTestId('abandoned-orders')).toHaveCount(0);
  await expect(page.getByText('kovacs-uj.hu')).toHaveCount(0);
  await expect(page.locator('section.box')).toHaveCount(BOX_IDS.length - 1);
  await expect(page.getByTestId('rejected-documents')).toBeVisible();
}

test('the unfinished order is deleted through the confirmation form', async ({ portal }) => {
  await deleteTheUnfinishedOrder(portal);
});

// Without JavaScript (the no-js project runs only these, "@nojs"): the same through plain
// HTML forms.

test('the demo company signs in and sees all six boxes @nojs', async ({ portal, page }) => {
  await portal.signIn(accounts.demo);
  await expectDemoDashboard(page);
});

test('the unfinished order is deleted through the confirmation form @nojs', async ({
  portal,
}) => {
  await deleteTheUnfinishedOrder(portal);
});
