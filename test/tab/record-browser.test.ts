/**
 * The record form of the tab in a real browser (headless Chromium against the running bot): the
 * secretariat opens it from the meeting, a save with an empty decision and a past due date marks
 * both fields at once and keeps what was typed, a correct save is announced and the item shows the
 * decision and its follow-up on reload. No WCAG A/AA violations.
 */
import type { Browser } from 'playwright-core';
import { axeViolations, launchChromium, newPage } from './support/chromium';
import { PEOPLE, startTabApp, type TabApp } from './support/tab-app';

let tab: TabApp;
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  tab = await startTabApp({ devSignIn: true });
  tab.clock.set('2027-03-04T12:00:00.000Z');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await tab?.stop();
});

test('the secretariat records a decision and a follow-up from the tab', async () => {
  const page = await newPage(browser, errors);
  await page.goto(`${tab.url}/tab/index.html#meeting=${tab.meetingId}`);
  await page.getByLabel('Person').selectOption({ label: PEOPLE.secretariat.name });
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.getByLabel('Gruppe').selectOption({ label: 'Kommunestyregruppen' });
  await page.getByRole('button', { name: 'Vis gruppe' }).click();
  await page.getByRole('link', { name: 'Referat: skriv beslutninger' }).click();
  await page.getByRole('heading', { level: 1, name: /Referat af mødet/ }).waitFor();

  const form = page.locator('form.record-item').first();
  const number = (await form.locator('h3').innerText()).split('.')[0]!;
  await form.getByLabel('Ny opfølgning: hvad').fill('Send notat til KL');
  await form.getByLabel('Ansvarlig').selectOption({ label: PEOPLE.chair.name });
  await form.getByLabel('Frist (ÅÅÅÅ-MM-DD eller D.M.ÅÅÅÅ)').fill('1.1.2020');
  await form.getByRole('button', { name: `Gem punkt ${number}` }).click();

  const refused = page.locator('form.record-item').first();
  await refused.getByText('Punktet blev ikke gemt. Ret de markerede felter.').waitFor();
  expect(await refused.locator('.field-error').count()).toBe(2);
  expect(await refused.getByLabel('Beslutning (skal udfyldes)').getAttribute('aria-invalid')).toBe('true');
  expect(await refused.getByLabel('Ny opfølgning: hvad').inputValue()).toBe('Send notat til KL');
  expect(await axeViolations(page)).toEqual([]);

  await refused.getByLabel('Beslutning (skal udfyldes)').fill('Styregruppen tiltrådte indstillingen.');
  await refused.getByLabel('Frist (ÅÅÅÅ-MM-DD eller D.M.ÅÅÅÅ)').fill('1.4.2027');
  await refused.getByRole('button', { name: `Gem punkt ${number}` }).click();
  await page.locator('#announcer').getByText(`Punkt ${number} er gemt.`).waitFor();

  const saved = page.locator('form.record-item').first();
  expect(await saved.getByLabel('Beslutning (skal udfyldes)').inputValue()).toBe(
    'Styregruppen tiltrådte indstillingen.',
  );
  expect(await saved.locator('li').allInnerTexts()).toEqual([
    `Send notat til KL · ${PEOPLE.chair.name} · 2027-04-01`,
  ]);
  // The one 400 is the refused save above (the browser logs every failed request); nothing else.
  expect(errors).toEqual([
    'Failed to load resource: the server responded with a status of 400 (Bad Request)',
  ]);
});
