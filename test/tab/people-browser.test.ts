/**
 * The tab's person picker in a real browser (issue 26.3): the secretariat types part of a name in
 * the members section, the results come from GET /api/tab/people, and picking one shows the
 * person's object id; a member sees no picker. axe-core finds no WCAG A/AA violation with the
 * results shown.
 */
import type { Browser } from 'playwright-core';
import { axeViolations, launchChromium, newPage } from './support/chromium';
import { PEOPLE, startTabApp, type TabApp } from './support/tab-app';

let tab: TabApp;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  tab = await startTabApp();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await tab?.stop();
});

async function signedInPage(personId: string, name: string) {
  const page = await newPage(browser, pageErrors);
  const token = await tab.entra.sign({ oid: personId, name });
  await page.addInitScript((value) => sessionStorage.setItem('fki.tab.token', value), token);
  await page.goto(`${tab.url}/tab/index.html?group=steering`);
  await page.getByRole('heading', { level: 1, name: 'Kommunestyregruppen' }).waitFor();
  return page;
}

test('the secretariat finds a person by name and sees the object id', async () => {
  const page = await signedInPage(PEOPLE.secretariat.id, PEOPLE.secretariat.name);
  await page.getByLabel('Navn eller e-mail').fill('ander');
  await page.getByRole('button', { name: 'Anna Andersen' }).click();
  expect(await page.locator('#people-picked').innerText()).toBe(`Anna Andersen: objekt-id ${PEOPLE.anna.id}`);
  expect(await page.getByLabel('Navn eller e-mail').inputValue()).toBe('Anna Andersen');

  await page.getByLabel('Navn eller e-mail').fill('zzzz');
  await page.getByText('Ingen personer fundet.').waitFor();
  await page.getByLabel('Navn eller e-mail').fill('bo');
  await page.getByRole('button', { name: 'Bo Bertelsen' }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  expect(pageErrors).toEqual([]);
  await page.context().close();
});

test('a member sees no person picker', async () => {
  const page = await signedInPage(PEOPLE.anna.id, PEOPLE.anna.name);
  await page.getByRole('heading', { name: 'Medlemmer' }).first().waitFor();
  expect(await page.getByLabel('Navn eller e-mail').count()).toBe(0);
  await page.context().close();
});
