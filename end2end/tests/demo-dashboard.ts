import { expect, type Page } from '@playwright/test';
import { accounts } from './fixtures';
import { normalise, texts } from './texts';

/** The dashboard boxes, in page order; each is a `<section data-testid=…>`. */
export const BOX_IDS = [
  'abandoned-orders',
  'rejected-documents',
  'expiring-domains',
  'expiring-hosting',
  'expiring-ssl',
  'unpaid-proformas',
] as const;

/**
 * The numbers of the demo company's two unpaid proformas. The seed issues the company's
 * proformas in this order, `offset` days from today, and numbers them per year, so near New
 * Year the numbers shift; this mirrors app/src/server/demo.rs so the test holds all year.
 */
function demoProformaNumbers(): { dueSoon: string; overdue: string } {
  const issueOffsets = [-45, -15, -65, -305, /* due soon */ -2, /* overdue */ -11];
  const today = new Date();
  const numbers = issueOffsets.map((offset, i) => {
    const year = (d: number) => new Date(today.getTime() + d * 86_400_000).getUTCFullYear();
    const seq = issueOffsets.slice(0, i + 1).filter((d) => year(d) === year(offset)).length;
    return `DBK${String(year(offset) % 100).padStart(2, '0')}-${String(seq).padStart(5, '0')}`;
  });
  return { dueSoon: numbers[4], overdue: numbers[5] };
}

/** Everything the demo company (Hungarian) must see on its dashboard before any change. */
export async function expectDemoDashboard(page: Page) {
  const t = texts.hu;
  await expect(page).toHaveURL('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'hu');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.dashboardTitle);
  await expect(page.getByTestId('account-name')).toHaveText(accounts.demo.name);
  await expect(page.getByRole('navigation', { name: t.mainNavigation })).toBeVisible();

  // All six boxes, and no empty state.
  for (const id of BOX_IDS) await expect(page.getByTestId(id)).toBeVisible();
  await expect(page.locator('section.box')).toHaveCount(BOX_IDS.length);
  await expect(page.getByTestId('dashboard-empty')).toHaveCount(0);

  // The order left at its second step, with a way to continue it.
  const orders = page.getByTestId('abandoned-orders');
  await expect(orders.getByRole('heading', { level: 2 })).toContainText(t.boxAbandonedOrders);
  await expect(orders.locator('tbody tr')).toHaveCount(1);
  const order = orders.getByRole('row').filter({ hasText: 'kovacs-uj.hu' });
  await expect(order).toContainText(t.stepTwo);
  await expect(order.getByRole('link', { name: t.continueOrder })).toHaveAttribute(
    'href',
    /^\/orders\/continue\/\d+$/,
  );

  // The rejected .hu transfer declaration with both reasons.
  const documents = page.getByTestId('rejected-documents');
  await expect(documents).toContainText('kovacs-regi.hu-atregisztralasi-nyilatkozat.pdf');
  await expect(documents.getByRole('list', { name: t.reasons }).getByRole('listitem')).toHaveText([
    'Hiányzik a keltezés dátuma.',
    'A nyilatkozatot nem a cégjegyzésre jogosult személy írta alá.',
  ]);

  // Domains expiring within 30 days, soonest first; kovacs.eu (45 days) is not among them.
  const domains = page.getByTestId('expiring-domains');
  await expect(domains.locator('tbody tr')).toHaveCount(3);
  await expect(domains.locator('tbody tr')).toContainText([
    'kovacs-webshop.hu',
    'kovacs.hu',
    'kovacs-tars.hu',
  ]);
  await expect(domains).not.toContainText('kovacs.eu');

  const hosting = page.getByTestId('expiring-hosting');
  await expect(hosting.locator('tbody tr')).toHaveCount(1);
  await expect(hosting.locator('tbody tr')).toContainText('kovacs.hu');
  await expect(hosting.locator('tbody tr')).toContainText('Tárhely Standard');

  const ssl = page.getByTestId('expiring-ssl');
  await expect(ssl.locator('tbody tr')).toHaveCount(1);
  await expect(ssl.locator('tbody tr')).toContainText('shop.kovacs.hu');

  // Unpaid proformas, earliest due first: the overdue one, then 1 270 Ft due soon.
  const numbers = demoProformaNumbers();
  const proformas = page.getByTestId('unpaid-proformas');
  await expect(proformas.getByRole('heading', { level: 2 })).toContainText(t.boxUnpaidProformas);
  await expect(proformas.locator('tbody tr')).toHaveCount(2);
  await expect(proformas.locator('tbody tr')).toContainText([numbers.overdue, numbers.dueSoon]);
  const overdue = proformas.getByRole('row').filter({ hasText: numbers.overdue });
  await expect(overdue).toContainText(t.overdue);
  const dueSoon = proformas.getByRole('row').filter({ hasText: numbers.dueSoon });
  await expect(dueSoon).not.toContainText(t.overdue);
  expect(normalise(await dueSoon.locator('td.amount').innerText())).toBe('1 270 Ft');
}
