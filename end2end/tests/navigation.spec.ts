import { accounts, expect, test, type Portal } from './fixtures';
import { texts } from './texts';

// A page's buttons work when the customer arrived at it by clicking through from another
// page, not only after a full load of its address. Every link and form loads a page from the
// server (Leptos islands: the server renders, the wasm only brings the islands to life), and
// with JavaScript the islands on the page reached work too: here, following the reboot.
// The Hungarian texts are app/src/i18n/hu.rs and app/src/i18n/manage/hu.rs.
const hu = {
  ...texts.hu,
  services: 'Szolgáltatások',
  reboot: 'Újraindítás',
  confirm: 'Megerősítés',
};
const SERVER = 'Dedikált szerver DS-2';

/** Dashboard -> services (main menu) -> a server (services list) -> reboot it. */
async function rebootFromTheDashboard(portal: Portal) {
  const page = portal.page;
  await portal.signIn(accounts.demo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(hu.dashboardTitle);

  await page
    .getByRole('navigation', { name: hu.mainNavigation })
    .getByRole('link', { name: hu.services, exact: true })
    .click();
  await expect(page).toHaveURL('/services');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(hu.services);

  await page.getByTestId('services-table').getByRole('link', { name: SERVER, exact: true }).click();
  await expect(page).toHaveURL(/\/services\/\d+$/);
  await expect(page.getByTestId('service-head')).toContainText(SERVER);
  await portal.hydrated();

  await expect(page.getByTestId('power')).toHaveAttribute('data-power', 'running');
  const box = page.getByTestId('power-actions');
  const confirm = box.getByRole('button', { name: `${hu.confirm}: ${hu.reboot}` });
  await expect(confirm).toBeHidden();
  await box.locator('summary', { hasText: hu.reboot }).click();
  await expect(confirm).toBeVisible();
  // The form posts; the server sends the browser back to the server's page.
  await portal.expectFullLoad(() => confirm.click());
  await expect(page.getByTestId('service-head')).toContainText(SERVER);

  const reboot = page.getByTestId('operation').first();
  await expect(reboot).toHaveAttribute('data-op', 'reboot');
  await expect(page.getByTestId('busy')).toBeVisible();
  await portal.followUntil(reboot, 'data-status', 'done', 20_000, 1_000);
  await expect(page.getByTestId('busy')).toHaveCount(0);
  await expect(page.getByTestId('power')).toHaveAttribute('data-power', 'running');
}

test('a server reached from the dashboard by links reboots', async ({ portal }) => {
  await rebootFromTheDashboard(portal);
});

test('a server reached from the dashboard by links reboots without JavaScript @nojs', async ({
  portal,
  javaScriptEnabled,
}) => {
  expect(javaScriptEnabled, 'the no-js project turns JavaScript off').toBe(false);
  await rebootFromTheDashboard(portal);
});
