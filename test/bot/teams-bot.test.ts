import type { BotFeature } from '../../src/platform/teams/feature';
import type { Locale } from '../../src/domain/model';
import { catalogueNaming, type CommandNaming } from '../../src/platform/teams/registry';
import { allFeatures } from '../../src/app/features';
import { assertValidCard } from '../../src/platform/cards/validate';
import { noticeCard } from '../../src/platform/cards/builders';
import { botAddedToTeam, cardInvoke, cardsOf, channelMessage, TEAM_ID, textsOf } from './support/activities';
import { startHarness, OUTSIDER, SECRETARIAT, type Harness } from './support/app-harness';
import { translate } from '../../src/platform/i18n';

/** A feature used only here: an idempotent counter card action, and a chair-only command. */
let executions = 0;
const probeFeature: BotFeature = {
  id: 'probe',
  commands: [
    {
      id: 'chair-only',
      helpKey: 'help.command_help',
      allowedRoles: ['chair'],
      handle: async (ctx) => ctx.reply('chair ok'),
    },
  ],
  cardActions: [
    {
      verb: 'probe.ping',
      handle: async (ctx) => {
        executions += 1;
        return { kind: 'card', card: noticeCard(`pong ${String(ctx.data.n)} ${ctx.locale}`) };
      },
    },
    {
      verb: 'probe.roleless',
      callerOnly: true,
      handle: async (ctx) => {
        let roles: string;
        try {
          roles = ctx.actor.roles.join(',');
        } catch (error) {
          roles = `unresolved (${(error as Error).message})`;
        }
        return {
          kind: 'message',
          text: `${ctx.actor.aadObjectId ?? ''}: ${roles}; group ${ctx.boundGroup?.group.id ?? 'none'}`,
        };
      },
    },
    {
      verb: 'probe.secret',
      allowedRoles: ['administer'],
      handle: async () => ({ kind: 'message', text: 'secret ok' }),
    },
  ],
};

/** The catalogues' names, and the probe's command, which no catalogue has. */
const PROBE_NAMES: Record<Locale, { names: string[]; usage: string }> = {
  da: { names: ['formandssag'], usage: 'formandssag' },
  en: { names: ['chair thing'], usage: 'chair thing' },
  nb: { names: ['ledersak'], usage: 'ledersak' },
};
const withProbe: CommandNaming = {
  ...catalogueNaming,
  text: (locale, id) => (id === 'chair-only' ? PROBE_NAMES[locale] : catalogueNaming.text(locale, id)),
  names: (id) =>
    id === 'chair-only' ? ['formandssag', 'chair thing', 'ledersak'] : catalogueNaming.names(id),
};

describe('the Teams bot over HTTP (development mode, stand-in connector)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, { features: [...allFeatures(), probeFeature], commandNaming: withProbe });
  });
  afterAll(async () => h.stop());
  beforeEach(() => h.connector.clear());

  const say = async (
    text: string,
    from = SECRETARIAT,
    options: Parameters<typeof channelMessage>[3] = {},
  ) => {
    const response = await h.post(channelMessage(h.connector.url, text, from, options));
    expect(response.status).toBeLessThan(300);
    return h.connector.sent;
  };

  test('healthz reports the store', async () => {
    const response = await fetch(`${h.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', store: { ok: true, kind: 'sqlite' } });
  });

  test("help answers with a valid help card in the channel's language, and in English in an English user's personal chat", async () => {
    const [da] = cardsOf(await say('HJÆLP'));
    assertValidCard(da);
    expect(JSON.stringify(da)).toContain('tilknyt [gruppe]');
    // A channel speaks its body's language whoever asks (issue 26.5, test/bot/turn-language.test.ts).
    h.connector.clear();
    const [channel] = cardsOf(await say('help', SECRETARIAT, { locale: 'en-US' }));
    expect(JSON.stringify(channel)).toContain('Kommandoer');
    h.connector.clear();
    const personal = {
      ...channelMessage(h.connector.url, 'help', SECRETARIAT, { locale: 'en-US' }),
      conversation: { id: 'a:personal-secretariat', conversationType: 'personal', tenantId: 'tenant-fki' },
      channelData: { tenant: { id: 'tenant-fki' } },
    };
    expect((await h.post(personal)).status).toBeLessThan(300);
    const [en] = cardsOf(h.connector.sent);
    assertValidCard(en);
    expect(JSON.stringify(en)).toContain('extend working group [id] [YYYY-MM-DD] [reason]');
    expect(JSON.stringify(en)).toContain('Commands');
  });

  test('an unknown command gets the help card naming the word, never silence', async () => {
    const sent = await say('blabla noget');
    const [card] = cardsOf(sent);
    assertValidCard(card);
    expect(JSON.stringify(card)).toContain(
      'Jeg kender ikke \\"blabla noget\\". Her er det, du kan gøre her:',
    );
  });

  test('a mistyped command gets the closest commands first (issue 26.8)', async () => {
    const [card] = cardsOf(await say('tilknyyt styregruppen'));
    assertValidCard(card);
    const text = JSON.stringify(card);
    expect(text).toContain('Mente du en af disse?');
    // The suggestion comes before the next steps and the sections.
    expect(text.indexOf('tilknyt [gruppe]')).toBeLessThan(text.indexOf('Næste skridt'));
  });

  test('a non-secretariat member cannot bind; the refusal names the required role', async () => {
    const texts = textsOf(await say('tilknyt steering', OUTSIDER));
    expect(texts).toEqual([expect.stringContaining('sekretariatet')]);
    expect(await h.app.repositories.groups.bindingOfGroup('steering')).toBeUndefined();
  });

  test('the secretariat binds by accent-tolerant name; the binding is audited; a second channel is refused', async () => {
    const texts = textsOf(
      await say('tilknyt referencegruppe forretning', SECRETARIAT, {
        channelId: '19:forretning',
        channelName: 'Forretning',
      }),
    );
    expect(texts).toEqual([
      // The secretariat has no channel yet: the confirmation says where its cards go meanwhile,
      // and the command that binds it, by its name.
      "Kanalen er nu tilknyttet Referencegruppe Forretning.\n\nSekretariat FKI har endnu ingen kanal: kortene til Sekretariat FKI sendes til dens medlemmer i personlig chat, indtil I skriver 'tilknyt sekretariat fki' i kanalen for Sekretariat FKI.",
    ]);
    const binding = await h.app.repositories.groups.bindingOfGroup('ref-forretning');
    expect(binding).toMatchObject({
      channelId: '19:forretning',
      teamId: TEAM_ID,
      boundBy: SECRETARIAT.aadObjectId,
    });
    const audit = await h.app.repositories.audit.export('2027-01', '2027-01');
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'channel.bind',
        subject: 'group:ref-forretning',
        actorId: SECRETARIAT.aadObjectId,
      }),
    ]);

    h.connector.clear();
    const again = textsOf(
      await say('bind ref-forretning', SECRETARIAT, { channelId: '19:other', channelName: 'Andet' }),
    );
    expect(again).toEqual([expect.stringContaining('"Forretning"')]);
    expect((await h.app.repositories.groups.bindingOfGroup('ref-forretning'))?.channelId).toBe(
      '19:forretning',
    );

    // The command the note suggests binds the secretariat, as written.
    h.connector.clear();
    const suggested = textsOf(
      await say('tilknyt sekretariat fki', SECRETARIAT, {
        channelId: '19:sekretariat',
        channelName: 'Sekretariat',
      }),
    );
    expect(suggested).toEqual(['Kanalen er nu tilknyttet Sekretariat FKI.']);
    expect((await h.app.repositories.groups.bindingOfGroup('secretariat'))?.channelId).toBe('19:sekretariat');
  });

  test('a bound channel gets a conversation reference, so the messenger can post to the group', async () => {
    await say('tilknyt management', SECRETARIAT, { channelId: '19:ledelse', channelName: 'Ledelse' });
    h.connector.clear();
    const { activityId } = await h.app.services.messenger.postToGroup('management', { text: 'Påmindelse' });
    expect(activityId).toMatch(/^activity-/);
    const [posted] = h.connector.calls.filter((c) => c.method === 'POST');
    expect(posted?.path).toContain('/v3/conversations/19:ledelse');
    expect(posted?.body).toMatchObject({ text: 'Påmindelse' });
  });

  test('status shows the bound group and says no meeting is scheduled (no fake data)', async () => {
    await say('tilknyt ref-drift', SECRETARIAT, { channelId: '19:drift', channelName: 'Drift' });
    h.connector.clear();
    const [card] = cardsOf(await say('næste møde', OUTSIDER, { channelId: '19:drift' }));
    assertValidCard(card);
    const json = JSON.stringify(card);
    expect(json).toContain('Referencegruppe Drift og forvaltning');
    expect(json).toContain('Der er ikke planlagt noget møde.');
  });

  test('status shows the next meeting with its timeline from the governance rules, passed deadlines marked', async () => {
    await say('tilknyt ref-drift', SECRETARIAT, { channelId: '19:drift', channelName: 'Drift' });
    // Now is 10 January 2027; a meeting on 4 February at 10:00 had its 4-week deadline on 7 January.
    const scheduled = await h.app.services.meetingCycle!.meetings.schedule({
      groupId: 'ref-drift',
      date: '2027-02-04',
      time: '10:00',
      actorId: 'sec',
    });
    expect(scheduled.kind).toBe('scheduled');
    h.connector.clear();
    const [card] = cardsOf(await say('status', OUTSIDER, { channelId: '19:drift' }));
    assertValidCard(card);
    const json = JSON.stringify(card);
    expect(json).toContain('Mødets tidslinje');
    expect(json).toContain(
      '"title":"Frist for dagsordenspunkter","value":"torsdag 7. januar 2027 kl. 10.00 (overskredet)"',
    );
    expect(json).toContain(
      '"title":"Detaljeret dagsorden udsendes","value":"torsdag 21. januar 2027 kl. 10.00"',
    );
    expect(json).not.toContain('statusrapporter'); // a reference group's own meeting
  });

  test('status in an unbound channel explains how to bind', async () => {
    const texts = textsOf(await say('status', OUTSIDER, { channelId: '19:unbound' }));
    expect(texts).toEqual([expect.stringContaining('ikke tilknyttet')]);
  });

  test('unbind removes the binding and audits it; unbinding again says not bound', async () => {
    await say('tilknyt ref-arkitektur', SECRETARIAT, { channelId: '19:ark' });
    h.clock.advance(60_000); // audit entries are ordered by time
    h.connector.clear();
    expect(textsOf(await say('fjern tilknytning', SECRETARIAT, { channelId: '19:ark' }))).toEqual([
      expect.stringContaining('er fjernet'),
    ]);
    expect(await h.app.repositories.groups.bindingOfGroup('ref-arkitektur')).toBeUndefined();
    h.connector.clear();
    expect(textsOf(await say('unbind', SECRETARIAT, { channelId: '19:ark' }))).toEqual([
      'Kanalen er ikke tilknyttet nogen gruppe.',
    ]);
    const audit = await h.app.repositories.audit.export('2027-01', '2027-01');
    expect(audit.filter((e) => e.subject === 'group:ref-arkitektur').map((e) => e.action)).toEqual([
      'channel.bind',
      'channel.unbind',
    ]);
  });

  test('a role-gated command is refused for a person without the role', async () => {
    const texts = textsOf(await say('formandssag', OUTSIDER));
    expect(texts).toEqual(['Du har ikke adgang til "formandssag". Det kræver rollen: formand.']);
  });

  test('Action.Execute is answered in the invoke response with the replacement card; a retry is harmless', async () => {
    // An English user's click in a channel is answered in the channel's language (issue 26.5).
    const invoke = cardInvoke(h.connector.url, 'probe.ping', { n: 7 }, OUTSIDER, { locale: 'en-GB' });
    const before = executions;
    const first = await h.post(invoke);
    const retry = await h.post(invoke);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const card = (first.body as { value: unknown }).value;
    assertValidCard(card);
    expect(JSON.stringify(card)).toContain('pong 7 da');
    expect(retry.body).toEqual(first.body);
    expect(executions - before).toBe(2);
  });

  test('a card action the role may not use is refused with the reason, and an unknown verb is explained', async () => {
    const refused = await h.post(cardInvoke(h.connector.url, 'probe.secret', {}, OUTSIDER));
    expect(refused.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(String((refused.body as { value: unknown }).value)).toContain('sekretariatet');
    const allowed = await h.post(cardInvoke(h.connector.url, 'probe.secret', {}, SECRETARIAT));
    expect((allowed.body as { value: unknown }).value).toBe('secret ok');
    const unknown = await h.post(cardInvoke(h.connector.url, 'no.such.verb', {}, SECRETARIAT));
    expect(String((unknown.body as { value: unknown }).value)).toContain('no.such.verb');
  });

  test('a callerOnly card action reads neither the channel binding nor the roles, and its roles cannot be read', async () => {
    const rolesOf = jest.spyOn(h.app.services.roles, 'rolesOf');
    const groupOfChannel = jest.spyOn(h.app.services.binding, 'groupOfChannel');
    try {
      const roleless = await h.post(cardInvoke(h.connector.url, 'probe.roleless', {}, SECRETARIAT));
      expect((roleless.body as { value: unknown }).value).toMatch(
        /^aad-secretariat: unresolved \(.*callerOnly.*\); group none$/,
      );
      expect(rolesOf).not.toHaveBeenCalled();
      expect(groupOfChannel).not.toHaveBeenCalled();
      // Any other action in the same channel still gets both.
      await h.post(cardInvoke(h.connector.url, 'probe.secret', {}, SECRETARIAT));
      expect(groupOfChannel).toHaveBeenCalledTimes(1);
      expect(rolesOf).toHaveBeenCalledWith(SECRETARIAT.aadObjectId, undefined);
    } finally {
      rolesOf.mockRestore();
      groupOfChannel.mockRestore();
    }
  });

  test('Action.Submit (message with value.verb) runs the card action and replaces the card', async () => {
    const activity = {
      ...channelMessage(h.connector.url, '', OUTSIDER),
      value: { verb: 'probe.ping', n: 3 },
      replyToId: 'card-9',
    };
    await h.post(activity);
    const [update] = h.connector.updates;
    expect(update?.path).toContain('/activities/card-9');
    expect(JSON.stringify(update?.body)).toContain('pong 3 da');
  });

  test('installing in a team records every channel with a conversation reference and greets', async () => {
    h.connector.teamChannels = [{ id: TEAM_ID }, { id: '19:styregruppe', name: 'Styregruppe' }];
    await h.post(botAddedToTeam(h.connector.url, SECRETARIAT));
    const [greeting] = cardsOf(h.connector.sent);
    assertValidCard(greeting);
    expect(JSON.stringify(greeting)).toContain('tilknyt [gruppe]');
    const general = await h.app.repositories.groups.knownChannel(TEAM_ID);
    const steering = await h.app.repositories.groups.knownChannel('19:styregruppe');
    expect(general?.channelName).toBe('General');
    expect(steering?.conversationReference).toMatchObject({
      serviceUrl: h.connector.url,
      conversation: { id: '19:styregruppe', conversationType: 'channel' },
    });
    expect((await h.app.repositories.groups.listInstallations()).map((t) => t.teamId)).toEqual([TEAM_ID]);
  });

  test('install falls back to the current channel when the channel list is unavailable', async () => {
    h.connector.teamChannels = undefined;
    await h.post(botAddedToTeam(h.connector.url, SECRETARIAT, '19:only-this'));
    expect(await h.app.repositories.groups.knownChannel('19:only-this')).toBeDefined();
  });
});

describe('tenant restriction', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ TEAMS_TENANT_ID: 'tenant-fki' });
  });
  afterAll(async () => h.stop());

  test('a message from another tenant is refused and changes nothing', async () => {
    await h.post(
      channelMessage(h.connector.url, 'tilknyt steering', SECRETARIAT, { tenantId: 'tenant-evil' }),
    );
    expect(textsOf(h.connector.sent)).toEqual([expect.stringContaining('afvist')]);
    expect(await h.app.repositories.groups.bindingOfGroup('steering')).toBeUndefined();
  });

  test('the same message from the configured tenant works', async () => {
    h.connector.clear();
    await h.post(
      channelMessage(h.connector.url, 'tilknyt steering', SECRETARIAT, { tenantId: 'tenant-fki' }),
    );
    expect(textsOf(h.connector.sent)).toEqual([
      // The secretariat has no channel yet: the confirmation says where its cards go meanwhile.
      `Kanalen er nu tilknyttet Kommunestyregruppen.\n\n${translate('da', 'binding.secretariatWithoutChannel', { administration: 'Sekretariat FKI', command: 'tilknyt sekretariat fki' })}`,
    ]);
  });
});
