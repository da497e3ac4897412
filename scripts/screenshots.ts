/**
 * Screenshots of the bot's cards as the Microsoft 365 Agents Playground renders them (issue 26,
 * "Must show"), for docs/screenshots/:
 *
 *   npm run screenshots
 *
 * The real app on a fresh DATA_DIR (development mode, as `npm start` composes it) and the Agents
 * Playground pointed at it; headless Chromium (playwright-core with @sparticuz/chromium, as the tab's
 * browser tests launch it) opens the Playground's web UI and types as the secretariat would. Set-up
 * the pictures do not show (installing the app, binding the steering channel, one meeting to cancel)
 * goes through the Playground's API. Should a picture fail in the Playground UI, the same card JSON
 * (as the bot posted it, read from the Playground's stream) is rendered with the `adaptivecards`
 * package in a blank page instead; docs/screenshots/README.md says which way each picture was made.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sparticuzChromium from '@sparticuz/chromium';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { composeApp, type App } from '../src/app/compose';
import { translate } from '../src/platform/i18n';
import { Playground, cardOf, readPlaygroundConfig, type BotActivity } from '../test/support/playground';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'docs', 'screenshots');
const MAX_BYTES = 300 * 1024;
const config = readPlaygroundConfig();
const steering = config.team.channels[0]!.id;

interface Picture {
  file: string;
  shows: string;
  how?: string;
}

async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || (await sparticuzChromium.executablePath()),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
}

/** Types a message as the secretariat in the UI's compose box: a new post in a channel, @mentioning the bot. */
async function say(page: Page, text: string, inChannel: boolean): Promise<void> {
  const box = page.locator('[role=textbox][contenteditable=true]').first();
  await box.click();
  if (inChannel) {
    await page.keyboard.type(`@${config.bot.name.slice(0, 3)}`);
    await page.getByRole('menuitem', { name: config.bot.name }).click();
  }
  await page.keyboard.type(` ${text}`);
  if (inChannel) await page.getByRole('button', { name: 'Post', exact: true }).click();
  else await page.keyboard.press('Enter');
}

type Key = Parameters<typeof translate>[1];
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A catalogue text in either language (a channel may answer in Danish, a personal chat in English). */
const either = (key: Key) => new RegExp(`${escape(translate('en', key))}|${escape(translate('da', key))}`);

/** The last rendered card that says `text`, as a PNG. */
async function shootCard(page: Page, text: RegExp, file: string): Promise<void> {
  const card = page.locator('.ac-adaptiveCard', { hasText: text }).last();
  await card.waitFor({ state: 'visible', timeout: 20_000 });
  await card.scrollIntoViewIfNeeded();
  await page.waitForTimeout(500); // fonts and images settle after the card mounts
  await card.screenshot({ path: path.join(OUT, file), animations: 'disabled' });
}

/** An invoke answer carries the refreshed card as its value. */
function unwrap(body: unknown): unknown {
  const answer = body as { type?: string; value?: unknown } | undefined;
  return answer?.type === 'application/vnd.microsoft.card.adaptive' ? answer.value : body;
}

/** The fallback: the card JSON rendered by the adaptivecards package in a blank page. */
async function renderCard(browser: Browser, card: unknown, file: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 520, height: 1600 } });
  await page.setContent(
    '<html><body style="margin:0;background:#fff;font-family:sans-serif"><div id="card" style="width:480px;padding:16px"></div></body></html>',
  );
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
  await page.evaluate((json) => {
    type Markdown = { didProcess: boolean; outputHtml?: string };
    const ac = (
      window as unknown as {
        AdaptiveCards: {
          AdaptiveCard: {
            new (): { parse(j: unknown): void; render(): HTMLElement };
            onProcessMarkdown: (text: string, result: Markdown) => void;
          };
        };
      }
    ).AdaptiveCards;
    // Teams renders the cards' markdown; this page has no markdown library, so the little the cards
    // use is done here: the bot's backslash escapes and **bold**.
    ac.AdaptiveCard.onProcessMarkdown = (text, result) => {
      const html = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      result.outputHtml = html
        .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
        .replace(/\\([\\`*_{}[\]()#+\-.!|~])/g, '$1');
      result.didProcess = true;
    };
    const rendered = new ac.AdaptiveCard();
    rendered.parse(json);
    document.getElementById('card')!.appendChild(rendered.render());
  }, card);
  await page.locator('#card').screenshot({ path: path.join(OUT, file) });
  await page.close();
}

class Session {
  constructor(
    readonly app: App,
    readonly pg: Playground,
    readonly browser: Browser,
    readonly page: Page,
    readonly botUrl: string,
  ) {}

  /** The bot's next post (or card update) whose text includes `text`, from the Playground's stream. */
  async botCard(text: RegExp): Promise<unknown> {
    const activity: BotActivity = await this.pg.nextBotActivity(
      (a) => !!cardOf(a) && text.test(JSON.stringify(cardOf(a))),
      20_000,
    );
    return cardOf(activity);
  }

  private appointmentForm: BotActivity | undefined;

  /**
   * What Teams sends as the secretariat types in the person picker: the `application/search` invoke,
   * built on the Playground's own activity for the channel so the bot reads the team's roster from
   * the Playground (as test/e2e/people.e2e.test.ts does).
   */
  async typeahead(queryText: string): Promise<void> {
    const template = await this.pg.activityTemplate(steering);
    const response = await fetch(this.botUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...template,
        type: 'invoke',
        name: 'application/search',
        text: undefined,
        value: { queryText, dataset: 'people', queryOptions: { skip: 0, top: 15 } },
      }),
    });
    if (!response.ok) throw new Error(`the typeahead answered ${response.status}`);
  }

  /** The appointment form the bot posted (step 1), as the stream delivered it. */
  async form(): Promise<BotActivity> {
    this.appointmentForm ??= await this.pg.nextBotActivity(
      (a) => JSON.stringify(cardOf(a) ?? {}).includes('"dataset":"people"'),
      20_000,
    );
    return this.appointmentForm;
  }

  /** One picture: in the UI, or, should that fail, the card JSON rendered on its own. */
  async picture(picture: Picture, inUi: () => Promise<void>, card: () => Promise<unknown>): Promise<Picture> {
    try {
      await inUi();
      return { ...picture, how: 'screenshot of the Agents Playground web UI (headless Chromium)' };
    } catch (error) {
      if (process.env.SCREENSHOTS_DEBUG)
        await this.page.screenshot({ path: path.join(os.tmpdir(), `ui-failed-${picture.file}`) });
      console.error(
        `${picture.file}: the Playground UI failed (${(error as Error).message.split('\n')[0]}); rendering the card JSON`,
      );
      const why = (error as Error).message.split('\n')[0];
      const json = unwrap(await card());
      if (process.env.SCREENSHOTS_DEBUG)
        fs.writeFileSync(path.join(os.tmpdir(), `${picture.file}.json`), JSON.stringify(json, null, 1));
      await renderCard(this.browser, json, picture.file);
      return {
        ...picture,
        how: `the card JSON the bot sent, rendered with the adaptivecards package in Chromium, as the Playground UI could not show it (${why})`,
      };
    }
  }
}

async function start(dataDir: string): Promise<Session> {
  const app = await composeApp({
    NODE_ENV: 'development',
    BOT_DEV_MODE: 'true',
    DATA_DIR: dataDir,
    SECRETARIAT_AAD_IDS: config.currentUser.aadObjectId,
    TEAMS_TENANT_ID: config.tenantId,
    SCHEDULER_ENABLED: 'false',
    LOG_LEVEL: 'silent',
  });
  const { port } = await app.start(0, '127.0.0.1');
  const botUrl = `http://127.0.0.1:${port}/api/messages`;
  const pg = await Playground.start({ botEndpoint: botUrl });
  const browser = await launch();
  // Tall enough for the whole help card: an element screenshot shows only what is laid out.
  const page = await browser.newPage({ viewport: { width: 1280, height: 4200 } });
  page.setDefaultTimeout(15_000);
  await page.goto(`${pg.url}/`, { waitUntil: 'networkidle' });
  await pg.installInTeam();
  await pg.sendMessage(steering, 'tilknyt styregruppen');
  await pg.nextBotActivity(
    (a) => a.channelOrChatId === steering && JSON.stringify(a.message).includes('Kommunestyregruppen'),
    20_000,
  );
  return new Session(app, pg, browser, page, botUrl);
}

async function pictures(session: Session): Promise<Picture[]> {
  const { page, app } = session;
  const done: Picture[] = [];
  const channel = config.team.channels[0]!.name;
  await page.getByText(channel, { exact: true }).first().click();

  done.push(
    await session.picture(
      {
        file: 'help.png',
        shows: "the help card in the steering group's channel, as the secretariat sees it",
      },
      async () => {
        await say(page, 'hjælp', true);
        await shootCard(page, either('meetings.command_scheduleYear'), 'help.png');
      },
      () => session.botCard(either('meetings.command_scheduleYear')),
    ),
  );
  // The Playground does not run a Data.Query typeahead ("Typeahead Search is not supported yet"):
  // step 1 is shown as it opens, and the pick is sent as Teams sends it, through the invoke API.
  done.push(
    await session.picture(
      {
        file: 'appointment-pick.png',
        shows: 'the appointment form, step 1: the person picker (search by name or e-mail)',
      },
      async () => {
        await say(page, 'udpeg', true);
        await shootCard(page, either('members.fieldPerson'), 'appointment-pick.png');
      },
      async () => cardOf(await session.form()),
    ),
  );
  done.push(
    await session.picture(
      {
        file: 'appointment-form.png',
        shows:
          'the appointment form, step 2 after picking Karen Kommune: her name and e-mail, organisation, municipality, role and term',
      },
      async () => {
        throw new Error('the Playground cannot pick from a typeahead');
      },
      async () => {
        await session.typeahead('karen');
        return session.pg.invokeCardAction(await session.form(), {
          verb: 'members.pickPerson',
          data: { groupId: 'steering', personId: config.users[1]!.aadObjectId },
        });
      },
    ),
  );
  const year = new Date().getUTCFullYear() + 1;
  await app.services.meetingCycle!.meetings.schedule({
    groupId: 'steering',
    date: `${year}-03-04`,
    time: '10:00',
    location: 'KOMBIT, Weidekampsgade',
    actorId: config.currentUser.aadObjectId,
  });
  done.push(
    await session.picture(
      {
        file: 'cancel-confirmation.png',
        shows: 'cancelling a meeting: the confirmation card naming the consequences, with Keep and Confirm',
      },
      async () => {
        await say(page, `aflys møde ${year}-03-04`, true);
        await shootCard(page, either('meetings.confirmCancelButton'), 'cancel-confirmation.png');
      },
      () => session.botCard(/meeting\.cancel\.confirm/),
    ),
  );
  return done;
}

/** Re-encodes a PNG as 8-bit greyscale: the cards are dark text on white, so little is lost. */
function greyscale(file: string): void {
  const png = PNG.sync.read(fs.readFileSync(file));
  fs.writeFileSync(file, PNG.sync.write(png, { colorType: 0, inputColorType: 6, inputHasAlpha: true }));
}

function writeReadme(done: Picture[]): void {
  const lines = done.map((p) => `- \`${p.file}\`: ${p.shows}; ${p.how}.`);
  fs.writeFileSync(
    path.join(OUT, 'README.md'),
    `# Screenshots\n\nMade by \`npm run screenshots\` (scripts/screenshots.ts) against the real app on a fresh data directory, with the Microsoft 365 Agents Playground as the client: the secretariat (the Playground's current user) types in the steering group's channel, which the bot answers in Danish.\n\n${lines.join('\n')}\n`,
  );
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fki-screenshots-'));
  const session = await start(dataDir);
  try {
    const done = await pictures(session);
    for (const picture of done) {
      const file = picture.file;
      if (fs.statSync(path.join(OUT, file)).size > MAX_BYTES) {
        greyscale(path.join(OUT, file));
        picture.how += ', saved in greyscale to stay under 300 KB';
      }
      const size = fs.statSync(path.join(OUT, file)).size;
      if (size > MAX_BYTES) throw new Error(`${file} is ${size} bytes, over ${MAX_BYTES}`);
      console.log(`${file}  ${size} bytes`);
    }
    writeReadme(done);
  } finally {
    await session.browser.close();
    await session.pg.stop();
    await session.app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
