import { BOX_IDS, expectDemoDashboard } from './demo-dashboard';
import { accounts, expect, isDashboardUrl, isSessionCookie, test } from './fixtures';
import { texts } from './texts';

// The portal must work as plain HTML forms. These run only in the no-js project (it selects
// "@nojs"), where the page is never hydrated.

test.beforeEach(async ({ javaScriptEnabled }) => {
  expect(javaScriptEnabled, 'the no-js project turns JavaScript off').toBe(false);
});

test('a wrong password is refused @nojs', async ({ portal, page, context }) => {
  await portal.submitSignIn(accounts.demo.email, 'not-the-password');
  await expect(page).toHaveURL('/login?error=invalid');
  await expect(page.getByRole('alert')).toHaveText(texts.en.invalidCredentials);
  expect((await context.cookies()).filter((c) => isSessionCookie(c.name))).toEqual([]);
});

test('the demo company signs in and sees all six boxes @nojs', async ({ portal, page }) => {
  await portal.signIn(accounts.demo);
  await expectDemoDashboard(page);
});

test('the unfinished order is deleted through the confirmation form @nojs', async ({
  portal,
  page,
}) => {
  const t = texts.hu;
  await portal.signIn(accounts.demo);
  const order = page
    .getByTestId('abandoned-orders')
    .getByRole('row')
    .filter({ hasText: 'kovacs-uj.hu' });
  const question = order.getByRole('group', { name: t.deleteOrderQuestion });

  await expect(question).toBeHidden();
  await order.locator('summary', { hasText: t.delete }).click();
  await expect(question).toBeVisible();

  // The form posts; the server sends the browser back to the dashboard.
  await portal.expectFullLoad(() =>
    question.getByRole('button', { name: t.deleteConfirm }).click(),
  );
  await expect(page).toHaveURL(isDashboardUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.dashboardTitle);
  await expect(page.getByTestId('abandoned-orders')).toHaveCount(0);
  await expect(page.getByText('kovacs-uj.hu')).toHaveCount(0);
  await expect(page.locator('section.box')).toHaveCount(BOX_IDS.length - 1);
});
