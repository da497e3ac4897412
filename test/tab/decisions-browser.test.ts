/**
 * The decision log page of the tab in a real browser (headless Chromium against the running bot):
 * a steering member opens it from the group page, sees the steering group's decisions, narrows them
 * by text (æøå, case ignored), kind and year, follows a decision's material, exports the search as
 * CSV (fetched with the token), and follows a decision's item link to that item on its meeting's
 * agenda. No WCAG A/AA violations at desktop width and at 320 px.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchChromium, newPage } from './support/chromium';
import { PEOPLE, startTabApp, type TabApp } from './support/tab-app';

const LOGNING = 'Styregruppen godkendte den fælles tilgang for Ærø';
const ORIENTATION = 'Orienteringen fra KL og KOMBIT blev taget til efterretning.';

let tab: TabApp;
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  tab = await startTabApp({ devSignIn: true });
  const cycle = tab.app.services.meetingCycle;
  // Before the meeting: the accepted proposal gets its material.
  const material = await cycle.proposals.material.addLinks({
    groupId: 'steering',
    proposalId: tab.proposalIds[0]!,
    text: 'Notat om logning | https://kombit.example.org/logning.pdf',
    actor: { id: PEOPLE.secretariat.id, isSecretariat: true },
  });
  expect(material.kind).toBe('added');
  // After it: two decisions in the minutes.
  tab.clock.set('2027-03-04T12:00:00.000Z');
  for (const [itemId, decision] of [
    ['orientation-kl-kombit', ORIENTATION],
    [tab.proposalIds[0]!, LOGNING],
  ] as const) {
    const saved = await tab.app.services.record.saveItem({
      groupId: 'steering',
      meetingId: tab.meetingId,
      itemId,
      expectedRevision: 0,
      submission: { decision },
      editor: { actorId: PEOPLE.secretariat.id, isSecretariat: true },
    });
    expect(saved.kind).toBe('saved');
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await tab?.stop();
});

const decisionTexts = (page: Page) => page.locator('.decision-text').allInnerTexts();

async function search(page: Page, fields: { text?: string; year?: string; kind?: string }) {
  await page.getByLabel('Tekst').fill(fields.text ?? '');
  await page.getByLabel('År').fill(fields.year ?? '');
  await page.getByLabel('Punkttype').selectOption({ label: fields.kind ?? 'Alle' });
  await page.getByRole('button', { name: 'Søg', exact: true }).click();
}

test('a member searches the decision log, follows the material, exports CSV and opens an item', async () => {
  const page = await newPage(browser, errors);
  await page.goto(`${tab.url}/tab/index.html`);
  await page.getByLabel('Person').selectOption({ label: PEOPLE.chair.name });
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kommunestyregruppen' }).waitFor();
  await page.getByRole('link', { name: 'Åbn beslutningsloggen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Beslutningslog' }).waitFor();

  expect(await decisionTexts(page)).toEqual([ORIENTATION, LOGNING]);
  expect(await page.locator('#decision-count').innerText()).toContain('Antal beslutninger: 2');
  expect(await page.getByLabel('Organ').locator('option').allInnerTexts()).toEqual([
    'Alle',
    'Kommunestyregruppen',
  ]);
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // Each decision links to its meeting, its item and (when the item has it) its material.
  const logning = page.locator('.decision', { hasText: LOGNING });
  expect(await logning.getByRole('link', { name: 'Bilag' }).getAttribute('href')).toBe(
    'https://kombit.example.org/logning.pdf',
  );
  expect(await logning.getByRole('link', { name: /^Møde / }).getAttribute('href')).toBe(
    `#meeting=${tab.meetingId}`,
  );
  expect(
    await page.locator('.decision', { hasText: ORIENTATION }).getByRole('link', { name: 'Bilag' }).count(),
  ).toBe(0);

  await search(page, { text: 'ÆRØ' });
  await page.locator('#decision-count', { hasText: 'Antal beslutninger: 1' }).waitFor();
  expect(await decisionTexts(page)).toEqual([LOGNING]);
  await search(page, { kind: 'Orientering' });
  // The count says 1 before and after this search: wait for the new result itself.
  await page.locator('.decision', { hasText: ORIENTATION }).waitFor();
  await page.locator('#decision-count', { hasText: 'Antal beslutninger: 1' }).waitFor();
  expect(await decisionTexts(page)).toEqual([ORIENTATION]);
  await search(page, { year: '2026' });
  await page.getByText('Ingen beslutninger passer til søgningen.').waitFor();
  await search(page, { year: '2027', kind: 'Beslutning' });
  await page.locator('.decision', { hasText: LOGNING }).waitFor();
  await page.locator('#decision-count', { hasText: 'Antal beslutninger: 1' }).waitFor();
  expect(await decisionTexts(page)).toEqual([LOGNING]);

  // The CSV of the same search, fetched with the token.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Eksportér CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('beslutningslog.csv');
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
  expect(csv.split('\n')[0]).toBe('Organ,Mødedato,Punkt,Type,Beslutning,Referatets status,Møde,Materiale');
  expect(csv).toContain(LOGNING);
  expect(csv).not.toContain(ORIENTATION);

  // The item link opens the meeting with that agenda item in focus.
  await page
    .locator('.decision', { hasText: LOGNING })
    .getByRole('link', { name: /^Punkt \d+: / })
    .click();
  const item = page.locator(`#agenda-item-${tab.proposalIds[0]}`);
  await item.waitFor();
  expect(await item.innerText()).toContain('Fælles tilgang til logning');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(`agenda-item-${tab.proposalIds[0]}`);
  expect(errors).toEqual([]);
  await page.context().close();
});
