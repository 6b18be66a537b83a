import { accounts, expect, isSessionCookie, PASSWORD, test } from './fixtures';
import { texts } from './texts';

const en = texts.en;

test('private pages send a signed-out visitor to the sign-in page', async ({ portal, page }) => {
  await portal.goto('/');
  await expect(page).toHaveURL('/login');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.signInTitle);
});

test.describe('the sign-in page speaks the browser language', () => {
  test.use({ locale: 'hu-HU' });

  test('Hungarian', async ({ portal, page }) => {
    const hu = texts.hu;
    await portal.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'hu');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(hu.signInTitle);
    await expect(page.getByLabel(hu.email, { exact: true })).toHaveAttribute('type', 'email');
    await expect(page.getByLabel(hu.password, { exact: true })).toHaveAttribute('type', 'password');
    await expect(page.getByRole('button', { name: hu.signIn })).toBeVisible();
  });
});

test('a wrong password is refused without a session', async ({ portal, page, context }) => {
  await portal.submitSignIn(accounts.demo.email, 'not-the-password');
  await expect(page).toHaveURL('/login?error=invalid');
  await portal.hydrated();
  await expect(page.getByTestId('login-message')).toHaveText(en.invalidCredentials);
  await expect(page.getByRole('alert')).toHaveText(en.invalidCredentials);
  expect((await context.cookies()).filter((c) => isSessionCookie(c.name))).toEqual([]);

  await portal.goto('/');
  await expect(page).toHaveURL('/login');
});

test('signing out ends the session', async ({ portal, page, context }) => {
  await portal.signIn(accounts.demo);
  const session = (await context.cookies()).find((c) => isSessionCookie(c.name));
  expect(session, 'session cookie after sign-in').toBeDefined();

  await page.getByRole('button', { name: texts.hu.logOut }).click();
  await expect(page).toHaveURL('/login?signed_out=1');
  await portal.hydrated();
  await expect(page.getByRole('status')).toHaveText(en.signedOut);
  await expect(page.getByTestId('login-message')).toHaveText(en.signedOut);

  await portal.goto('/');
  await expect(page).toHaveURL('/login');

  // The old cookie is worthless now: the server has forgotten the session.
  await context.addCookies([session!]);
  await portal.goto('/');
  await expect(page).toHaveURL('/login?expired=1');
  await expect(page.getByTestId('login-message')).toHaveText(en.sessionExpired);
});

test('the sign-in form works from the keyboard', async ({ portal, page }) => {
  await portal.goto('/login');
  const email = page.getByLabel(en.email, { exact: true });
  const password = page.getByLabel(en.password, { exact: true });
  const submit = page.getByRole('button', { name: en.signIn, exact: true });

  // From the top of the page: the skip link, then the form in reading order.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: en.skipToContent })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(email).toBeFocused();
  await page.keyboard.type(accounts.demo.email);
  await page.keyboard.press('Tab');
  await expect(password).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Tab');
  await expect(submit).toBeFocused();

  // Enter in the password field submits the form.
  await page.keyboard.press('Shift+Tab');
  await expect(password).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/');
  await portal.hydrated();
  await expect(page.getByTestId('account-name')).toHaveText(accounts.demo.name);
});

test('a wrong password is refused @nojs', async ({ portal, page, context }) => {
  await portal.submitSignIn(accounts.demo.email, 'not-the-password');
  await expect(page).toHaveURL('/login?error=invalid');
  await expect(page.getByRole('alert')).toHaveText(en.invalidCredentials);
  expect((await context.cookies()).filter((c) => isSessionCookie(c.name))).toEqual([]);
});
