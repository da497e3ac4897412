/**
 * The tab page in a real browser (playwright-core driving the npm-shipped Chromium) against the running
 * bot: dev sign-in and an injected SSO-shaped token, real seeded data, screenshots into
 * test-output/tab/, and axe-core (WCAG 2.0/2.1 A and AA) with zero violations at desktop width and
 * at 320 px (a narrow Teams side panel).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sparticuzChromium from '@sparticuz/chromium';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PEOPLE, startTabApp, type TabApp } from './support/tab-app';

/**
 * The browser comes from npm: @sparticuz/chromium ships a headless Chromium inside the package
 * (unpacked on first use), so `npm ci && npm test` needs nothing on PATH. CHROMIUM_PATH overrides it.
 */
async function chromiumExecutable(): Promise<string> {
  return process.env.CHROMIUM_PATH || (await sparticuzChromium.executablePath());
}

const outputDir = path.join(__dirname, '..', '..', 'test-output', 'tab');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string[] }>;
}

async function axeViolations(page: Page): Promise<string[]> {
  // evaluate() runs through the DevTools protocol, outside the page's CSP: no need to weaken it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations as AxeViolation[];
  });
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

async function checkAt(page: Page, width: number, name: string): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  expect(await axeViolations(page)).toEqual([]);
  // Nothing but the tables' own scroll regions may be wider than a narrow side panel.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  await page.screenshot({ path: path.join(outputDir, `${name}-${width}.png`), fullPage: true });
}

describe('the tab page in chromium', () => {
  let tab: TabApp;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(outputDir, { recursive: true });
    tab = await startTabApp({ devSignIn: true });
    browser = await chromium.launch({
      executablePath: await chromiumExecutable(),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await tab?.stop();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // teams-js loads its list of valid host origins from Microsoft's CDN; the test serves a stand-in.
    await context.route('https://res.cdn.office.net/**', (route) =>
      route.fulfill({
        json: { validOrigins: ['teams.microsoft.com', '*.teams.microsoft.com', '*.cloud.microsoft'] },
      }),
    );
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(msg.text());
    });
    return page;
  }

  test('outside Teams: the dev sign-in, then a member sees the group page with real data', async () => {
    const page = await newPage();
    await page.goto(`${tab.url}/tab/index.html`);
    await expect(page.locator('#context-notice')).toBeDefined();
    await page.getByRole('heading', { name: 'Udviklerlogin' }).waitFor();
    expect(await page.locator('#context-notice').textContent()).toBe('Siden er åbnet uden for Teams.');
    await checkAt(page, 1280, 'dev-sign-in');

    await page.getByLabel('Person').selectOption({ label: PEOPLE.anna.name });
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kommunestyregruppen' }).waitFor();

    const text = await page.locator('main').innerText();
    expect(text).toContain('Logget ind som Anna Andersen');
    expect(text).toContain('torsdag den 4. marts 2027'); // the next meeting, in Copenhagen time
    expect(text).toContain('KOMBIT, Halfdansgade 8');
    expect(text).toContain('Frist for dagsordensforslag');
    expect(await page.locator('.timeline .moment.past').count()).toBe(1); // the heads-up
    expect(await page.locator('.timeline [aria-current="step"]').innerText()).toContain(
      'Frist for dagsordensforslag',
    );
    expect(text).toContain('Fælles tilgang til logning');
    expect(text).toContain('Arbejdsgruppe om fælles brugerstyring');
    expect(text).toContain('For 1 · Imod 1 · Undlader 0');
    expect(text).toContain('2 af 3 har stemt');
    expect(text).toContain('Fælleskommunal login-løsning');
    expect(text).toContain('Årshjul 2027');
    expect(text).toContain('udløber snart');
    // The steering group's talks column: nobody has given an inspiration talk yet.
    expect(await page.getByRole('columnheader', { name: 'Inspirationsoplæg' }).count()).toBe(1);
    expect(text).toContain('0 holdt');
    // A member sees no replacements and no secretariat actions.
    expect(await page.getByRole('heading', { name: 'Genbesættelse' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Sekretariatets handlinger' }).count()).toBe(0);

    await checkAt(page, 1280, 'member-da');
    await checkAt(page, 320, 'member-da');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  test('with an SSO-shaped token (English): the #portfolio= link and the secretariat actions', async () => {
    const page = await newPage();
    const token = await tab.entra.sign({ oid: PEOPLE.secretariat.id, name: PEOPLE.secretariat.name });
    await page.addInitScript((value) => sessionStorage.setItem('fki.tab.token', value), token);
    await page.goto(`${tab.url}/tab/index.html?lang=en&group=steering#portfolio=${tab.meetingId}`);
    await page
      .getByRole('heading', { name: 'Status reports for the meeting' })
      .waitFor({ timeout: 5000 })
      .catch(async (error: unknown) => {
        throw new Error(`${String(error)}\npage text: ${await page.locator('body').innerText()}`);
      });
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Pilot i tre kommuner er i gang.');
    expect(text).toContain('Yellow');
    expect(text).toContain('Deadline for agenda proposals');
    // Who must be replaced: Anna's term ends within the 90 days; the seats nobody holds.
    await page.getByRole('heading', { name: 'Replacements' }).waitFor();
    const replacements = await page.locator('#replacements').innerText();
    expect(replacements).toContain('Term ends 31 Mar 2027 (in 60 days)');
    expect(replacements).toContain('Can be re-appointed (new term until 1 Jan 2028 at the latest)');
    expect(replacements).toContain('7 vacant seats without a former member');
    expect(replacements).toContain('Appointed by UDK (no term limit)');
    await checkAt(page, 1280, 'secretariat-en');
    await checkAt(page, 320, 'secretariat-en');

    // Triage by keyboard-reachable buttons: the pending proposal is accepted through the proposal service.
    await page
      .getByRole('group', { name: 'Drøftelse af driftsaftaler' })
      .getByRole('button', { name: 'Accept' })
      .click();
    await page.locator('#announcer:not(:empty)').waitFor();
    expect(await page.locator('#announcer').innerText()).toBe('The proposal is accepted.');
    expect(
      (await tab.app.services.meetingCycle!.proposals.forMeeting('steering', tab.meetingId)).find(
        (p) => p.id === tab.proposalIds[1],
      )?.status,
    ).toBe('accepted');

    // Schedule a meeting with the form, submitted with the keyboard.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Date').fill('2027-09-02');
    await page.getByLabel('Time').fill('10:00');
    await page.getByLabel('Location').fill('Odense');
    await page.getByLabel('Location').press('Enter');
    await page.locator('#announcer:not(:empty), #schedule-status:not(:empty)').first().waitFor();
    expect(await page.locator('#announcer').innerText()).toMatch(
      /^The meeting is scheduled for Thursday,? 2 September 2027/,
    );
    const upcoming = await tab.app.services.meetingCycle!.meetings.upcoming('steering');
    expect(upcoming.map((m) => [m.startsAt, m.location ?? null])).toContainEqual([
      '2027-09-02T08:00:00.000Z',
      'Odense',
    ]);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  test('a person without a group is told so, not shown data', async () => {
    const page = await newPage();
    await page.goto(`${tab.url}/tab/index.html?group=steering`);
    await page.getByLabel('Person').selectOption({ label: PEOPLE.refMember.name });
    await page.getByRole('button', { name: 'Log ind' }).click();
    // Rikke is in ref-forretning only: ?group=steering is not offered, her own group opens.
    await page.getByRole('heading', { level: 1, name: 'Referencegruppe Forretning' }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain('Fælles tilgang til logning');
    await page.context().close();
  });
});
