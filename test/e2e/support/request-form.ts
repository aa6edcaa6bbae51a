/** Filling the consular request form in the browser, by its fields' contract paths. */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';

export const field = (page: Page, name: string) => page.locator(`[name="${name}"]`).first();
export const box = (page: Page, name: string, value: string) =>
  page.locator(`input[name="${name}"][value="${value}"]`);

/** An adult Honduran in Tapachula going home overland through Guatemala. */
export async function fillAdultRequest(page: Page, familyNames: string) {
  await field(page, 'migrant.givenNames').fill('Ana Lucía');
  await field(page, 'migrant.familyNames').fill(familyNames);
  await field(page, 'migrant.dateOfBirth').fill('1985-07-02');
  await field(page, 'migrant.sex').selectOption('female');
  await field(page, 'migrant.documentType').selectOption('passport');
  await field(page, 'migrant.documentNumber').fill(`E${randomBytes(4).toString('hex')}`);
  await field(page, 'location.country').selectOption('MX');
  await field(page, 'location.city').fill('Tapachula');
  await field(page, 'location.facility').fill('Albergue Belén');
  await field(page, 'returnTo.city').fill('San Pedro Sula');
  await field(page, 'returnTo.receivingContact.name').fill('María López');
  await field(page, 'returnTo.receivingContact.relationship').fill('sister');
  await field(page, 'route.mode').selectOption('land');
  await box(page, 'route.transitCountries', 'GT').check();
  await box(page, 'vulnerabilities', 'illness_or_injury').check();
  await field(page, 'needs.escort').check();
  await field(page, 'consent.informedConsent').check();
  await field(page, 'consent.consentDate').fill('2024-05-10');
  await page.getByRole('button', { name: 'Tick the countries on the route' }).click();
  await field(page, 'costs.transport').fill('320');
  await field(page, 'costs.escort').fill('250.5');
  await field(page, 'circumstances').fill('Diabetic, without treatment in the shelter.');
}
