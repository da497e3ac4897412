/**
 * The portfolio feature's cards and card actions: validation reasons shown on the card with the
 * input kept, every card valid (validateCard), the overview under 28 KB when large (summarised and
 * saying so), and the CSV export route with its unguessable token.
 */
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import { portfolioOverviewCard } from '../../../src/features/portfolio/overview-card';
import { initiativeListCard, initiativeFormCard } from '../../../src/features/portfolio/initiative-cards';
import { MAX_CARD_BYTES, validateCard } from '../../../src/platform/cards/validate';
import type { CardActionContext } from '../../../src/platform/teams/feature';
import { portfolioFeature, registerPortfolioRoutes } from '../../../src/features/portfolio/portfolio-feature';
import { translatorFor } from '../../../src/platform/i18n';
import type { AppServices } from '../../../src/app/app-services';
import type { PortfolioOverview } from '../../../src/features/portfolio/portfolio-overview';
import {
  initiativeInput,
  portfolioWorld,
  steeringMeeting,
  type PortfolioWorld,
} from '../../services/portfolio-support';

function actionContext(
  world: PortfolioWorld,
  verb: string,
  data: Record<string, unknown>,
  personId = 'anna',
): CardActionContext {
  return {
    locale: 'da',
    t: translatorFor('da'),
    actor: { aadObjectId: personId, channelAccountId: `29:${personId}`, name: 'Anna', roles: ['member'] },
    conversation: { kind: 'channel', conversationId: 'c1', channelId: 'ch-forretning', teamId: 't1' },
    boundGroup: {
      group: {
        id: 'ref-forretning',
        kind: 'reference',
        name: { da: 'Referencegruppe Forretning', en: 'Reference group Business' },
        status: 'active',
        createdAt: '2027-01-01T00:00:00.000Z',
      },
      binding: {
        groupId: 'ref-forretning',
        teamId: 't1',
        channelId: 'ch-forretning',
        boundBy: 'sec',
        boundAt: '2027-01-01T00:00:00.000Z',
      },
    },
    services: {
      portfolio: world.portfolio,
      clock: world.clock,
      governance: world.governance,
    } as unknown as AppServices,
    commands: [],
    features: [],
    reply: async () => undefined,
    verb,
    data: { verb, ...data },
  };
}

async function runAction(world: PortfolioWorld, verb: string, data: Record<string, unknown>) {
  const spec = portfolioFeature.cardActions!.find((a) => a.verb === verb)!;
  return spec.handle(actionContext(world, verb, data));
}

describe('portfolio feature', () => {
  let world: PortfolioWorld;
  afterEach(async () => world.store.close());

  it('refuses an invalid report on the card with the reason and keeps what was typed; accepts a valid one', async () => {
    world = await portfolioWorld({ now: '2027-04-01T08:00:00.000Z' });
    await steeringMeeting(world, 'm-jun', '2027-06-03T08:00:00.000Z');
    await world.portfolio.portfolio.save(
      { id: 'anna' },
      'i-aaa',
      initiativeInput('ref-forretning', 'Fælles login'),
    );
    const target = { meetingId: 'm-jun', groupId: 'ref-forretning', initiativeId: 'i-aaa' };

    const opened = await runAction(world, 'portfolio.report.open', target);
    expect(opened.kind).toBe('card');
    expect(validateCard((opened as { card: object }).card).problems).toEqual([]);

    const refused = await runAction(world, 'portfolio.report.submit', {
      ...target,
      status: 'red',
      progress: 'Mit fremskridt',
      risks: 'Stor risiko',
    });
    expect(refused.kind).toBe('card');
    const card = (refused as { card: object }).card;
    expect(validateCard(card).problems).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain('Skriv en begrundelse, når status ikke er grøn.');
    expect(json).toContain('"value":"Mit fremskridt"');
    expect(json).toContain('"value":"Stor risiko"');
    expect(json).toContain('"value":"red"');
    expect(await world.portfolio.statusReports.existing('ref-forretning', 'm-jun', 'i-aaa')).toBeUndefined();

    const accepted = await runAction(world, 'portfolio.report.submit', {
      ...target,
      status: 'red',
      reason: 'Ingen leverandør',
      progress: 'Mit fremskridt',
    });
    const acceptedJson = JSON.stringify((accepted as { card: object }).card);
    expect(validateCard((accepted as { card: object }).card).problems).toEqual([]);
    expect(acceptedJson).toContain('Rapporten for \\"Fælles login\\" er gemt.');
    expect((await world.portfolio.statusReports.existing('ref-forretning', 'm-jun', 'i-aaa'))?.status).toBe(
      'red',
    );
  });

  it('refuses an invalid initiative with reasons per field, keeping the input; saves a valid one', async () => {
    world = await portfolioWorld();
    const invalid = await runAction(world, 'portfolio.initiative.save', {
      initiativeId: 'i-new',
      ...initiativeInput('ref-forretning', 'Nyt initiativ', {
        status: 'yellow',
        budgetedKr: '1.500,50',
        endDate: '2026-01-01',
      }),
    });
    const json = JSON.stringify((invalid as { card: object }).card);
    expect(validateCard((invalid as { card: object }).card).problems).toEqual([]);
    expect(json).toContain('Skriv et helt antal kroner');
    expect(json).toContain('Slutdatoen ligger før startdatoen.');
    expect(json).toContain('Skriv en begrundelse');
    expect(json).toContain('"value":"1.500,50"');
    expect(await world.portfolio.portfolio.get('ref-forretning', 'i-new')).toBeUndefined();

    const saved = await runAction(world, 'portfolio.initiative.save', {
      initiativeId: 'i-new',
      ...initiativeInput('ref-forretning', 'Nyt initiativ'),
    });
    expect(JSON.stringify((saved as { card: object }).card)).toContain('er oprettet');
    expect(await world.portfolio.portfolio.get('ref-forretning', 'i-new')).toMatchObject({
      budgetedKr: 1_500_000,
      spentKr: 250_000,
    });
    const t = translatorFor('en');
    expect(t('portfolio.saved', { title: 'x' })).toContain('saved');
    const form = initiativeFormCard({
      locale: 'en',
      initiativeId: 'i-1',
      isNew: true,
      groups: await world.portfolio.portfolio.referenceGroups(),
      values: {},
    });
    expect(validateCard(form).problems).toEqual([]);
    const list = initiativeListCard({
      locale: 'da',
      heading: 'x',
      initiatives: await world.portfolio.portfolio.list(),
      groupNames: new Map(),
      canCreate: true,
    });
    expect(validateCard(list).problems).toEqual([]);
  });

  it('keeps a large overview under 28 KB: summarised, saying so, with the links', async () => {
    world = await portfolioWorld();
    const meeting = await steeringMeeting(world, 'm-jun', '2027-06-03T08:00:00.000Z');
    const groups = await world.portfolio.portfolio.referenceGroups();
    const long = 'Fremdrift beskrevet i detaljer. '.repeat(20);
    const overview: PortfolioOverview = {
      meeting,
      deadline: '2027-05-06T08:00:00.000Z',
      generatedAt: '2027-05-06T08:00:00.000Z',
      groups: groups.map((group, g) => ({
        group,
        rows: Array.from({ length: 60 }, (_, i) => {
          const initiative = {
            id: `i-${g}-${i}`,
            title: `Initiativ ${g}-${i}`,
            groupId: group.id,
            responsible: 'R',
            status: 'green' as const,
            phase: 'P',
            startDate: '2027-01-01',
            endDate: '2027-12-31',
            financing: 'other' as const,
            budgetedKr: 1,
            spentKr: 0,
            createdBy: 'x',
            createdAt: '2027-01-01T00:00:00.000Z',
            updatedBy: 'x',
            updatedAt: '2027-01-01T00:00:00.000Z',
          };
          const report = {
            meetingId: 'm-jun',
            meetingGroupId: 'steering',
            meetingStartsAt: meeting.startsAt,
            groupId: group.id,
            initiativeId: initiative.id,
            status: i % 7 === 0 ? ('red' as const) : ('green' as const),
            reason: 'r',
            progress: long,
            submittedBy: 'a',
            submittedAt: '2027-05-01T00:00:00.000Z',
            late: false,
            revision: 1,
          };
          return {
            initiative,
            report,
            state: 'on-time' as const,
            statusChanged: i % 7 === 0,
            previousStatus: 'green' as const,
          };
        }),
      })),
      recommendations: [
        {
          groupId: 'ref-drift',
          initiativeId: 'i-1-1',
          initiativeTitle: 'Initiativ 1-1',
          recommendation: 'Godkend',
          proposalId: 'p',
        },
      ],
      counts: { total: 180, onTime: 180, late: 0, missing: 0, changed: 27 },
    };
    const links = {
      tab: 'https://fki.example.org/tab/index.html#portfolio=m-jun',
      csv: 'https://fki.example.org/api/portfolio/m-jun.csv?token=abc',
    };
    const { card, detail } = portfolioOverviewCard({
      locale: 'da',
      timeZone: 'Europe/Copenhagen',
      overview,
      links,
      proposalsWired: true,
    });
    expect(detail).not.toBe('full');
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
    expect(validateCard(card).problems).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain('vist forkortet');
    expect(json).toContain(links.tab);
    expect(json).toContain('Initiativ 0-7'); // a changed (red) one is still listed
  });

  it('serves the CSV only with the overview token', async () => {
    world = await portfolioWorld({ now: '2027-04-01T08:00:00.000Z' });
    const meeting = await steeringMeeting(world, 'm-jun', '2027-06-03T08:00:00.000Z');
    await world.portfolio.portfolio.save(
      { id: 'anna' },
      'i-aaa',
      initiativeInput('ref-forretning', '=HYPERLINK("x")'),
    );
    // The link's signed token (src/platform/links/link-tokens.ts), not the stored one, opens the CSV.
    const { accessToken } = await world.portfolio.overview.record(meeting);
    const linkToken = new URL((await world.portfolio.overview.links(meeting)).csv).searchParams.get('token')!;
    const server = restify.createServer();
    server.use(restify.plugins.queryParser());
    registerPortfolioRoutes({ overview: world.portfolio.overview })(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await fetch(`${base}/api/portfolio/m-jun.csv?token=${accessToken}`)).status).toBe(404);
      const ok = await fetch(`${base}/api/portfolio/m-jun.csv?token=${encodeURIComponent(linkToken)}`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toContain('text/csv');
      const body = await ok.text();
      expect(body).toContain('Referencegruppe,Initiativ,Ansvarlig');
      expect(body).toContain(`"'=HYPERLINK(""x"")"`); // formula neutralised
      expect(body).toContain('1500000');
      expect(
        (await fetch(`${base}/api/portfolio/m-jun.csv?token=${'x'.repeat(linkToken.length)}`)).status,
      ).toBe(404);
      expect((await fetch(`${base}/api/portfolio/m-jun.csv`)).status).toBe(404);
      expect(
        (await fetch(`${base}/api/portfolio/nope.csv?token=${encodeURIComponent(linkToken)}`)).status,
      ).toBe(404);
    } finally {
      server.close();
    }
  });
});
