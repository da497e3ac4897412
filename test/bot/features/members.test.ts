import { assertValidCard } from '../../../src/platform/cards/validate';
import { membersFeature } from '../../../src/features/members/members-feature';
import type {
  CardActionContext,
  CardActionResult,
  CommandContext,
  Reply,
} from '../../../src/platform/teams/feature';
import type { Locale } from '../../../src/domain/model';
import { commandNames, translatorFor } from '../../../src/platform/i18n';
import type { AppServices } from '../../../src/app/app-services';
import type { ActorRole } from '../../../src/domain/roles';
import { membersAppServices, membersHarnessPerTest, municipal } from '../../services/members-support';

const h = membersHarnessPerTest();
let services: AppServices;
beforeEach(() => {
  services = membersAppServices(h);
});

async function context(locale: Locale, roles: ActorRole[] = ['administer']) {
  const group = (await h.groups.getGroup('steering'))!;
  const replies: Reply[] = [];
  return {
    replies,
    base: {
      locale,
      t: translatorFor(locale),
      actor: { aadObjectId: 'sec-1', channelAccountId: '29:sec', roles },
      conversation: { kind: 'channel' as const, conversationId: 'c', channelId: 'ch', teamId: 't' },
      boundGroup: {
        group,
        binding: {
          groupId: 'steering',
          teamId: 't',
          channelId: 'ch',
          boundBy: 'x',
          boundAt: '2026-01-01T00:00:00.000Z',
        },
      },
      services,
      commands: [],
      features: [],
      reply: async (message: Reply) => {
        replies.push(message);
      },
    },
  };
}

async function command(
  name: string,
  args = '',
  locale: Locale = 'da',
  roles?: ActorRole[],
): Promise<Reply[]> {
  const spec = membersFeature.commands!.find((c) => commandNames(c.id).includes(name))!;
  const { base, replies } = await context(locale, roles);
  await spec.handle({ ...base, commandName: name, args } as CommandContext);
  return replies;
}

async function action(
  verb: string,
  data: Record<string, unknown>,
  locale: Locale = 'da',
): Promise<CardActionResult> {
  const spec = membersFeature.cardActions!.find((a) => a.verb === verb)!;
  const { base } = await context(locale);
  return spec.handle({ ...base, verb, data } as CardActionContext);
}

function cardOf(reply: Reply | CardActionResult): object {
  const card =
    typeof reply === 'string'
      ? undefined
      : 'kind' in reply
        ? reply.kind === 'card'
          ? reply.card
          : undefined
        : reply.card;
  if (!card) throw new Error(`no card in ${JSON.stringify(reply)}`);
  assertValidCard(card);
  return card;
}

describe('members feature', () => {
  it('lists the members with role, organisation and term end; the secretariat gets the actions', async () => {
    await h.service.appoint(
      municipal({ name: 'Anne Andersen', role: 'chair', plannedEnd: '2030-01-01' }),
      'sec',
    );
    const [reply] = await command('medlemmer');
    const json = JSON.stringify(cardOf(reply!));
    expect(json).toContain('Anne Andersen');
    expect(json).toContain('formand · København · periode slutter 1. januar 2030');
    expect(json).toContain('members.showAppoint');
    const [memberView] = await command('members', '', 'en', ['member']);
    const memberJson = JSON.stringify(cardOf(memberView!));
    expect(memberJson).toContain('chair · København · term ends 1 January 2030');
    expect(memberJson).not.toContain('members.showAppoint');
  });

  it('appoints by card and refuses a rule breach with the rule and dates, keeping the input', async () => {
    const form = cardOf((await command('udpeg'))[0]!);
    expect(JSON.stringify(form)).toContain('Input.ChoiceSet');
    const base = {
      groupId: 'steering',
      personId: 'p-x',
      name: 'Xenia',
      organisation: 'municipality',
      municipalityCode: '751',
      role: 'member',
      termStart: '2026-02-01',
    };
    const refused = await action('members.appoint', { ...base, plannedEnd: '2031-02-02' });
    const refusedJson = JSON.stringify(cardOf(refused));
    expect(refusedJson).toContain('Afvist (maksimal periode)');
    expect(refusedJson).toContain('1. februar 2031');
    expect(refusedJson).toContain('"value":"Xenia"');
    const done = await action('members.appoint', { ...base, plannedEnd: '' }, 'en');
    expect(JSON.stringify(cardOf(done))).toContain(
      'Xenia is appointed to Municipal steering group as member from 1 February 2026 to 1 February 2031.',
    );
  });

  it('ends a membership and changes a role by card', async () => {
    const input = municipal({ termStart: '2025-01-01' });
    await h.service.appoint(input, 'sec');
    cardOf(await action('members.showEnd', { groupId: 'steering' }));
    cardOf(await action('members.showRole', { groupId: 'steering' }));
    const role = await action('members.changeRole', {
      groupId: 'steering',
      personId: input.personId,
      role: 'chair',
    });
    expect(JSON.stringify(cardOf(role))).toContain('er nu formand');
    const ended = await action('members.end', {
      groupId: 'steering',
      personId: input.personId,
      endedOn: '2026-03-01',
    });
    expect(JSON.stringify(cardOf(ended))).toContain('slutter 1. marts 2026');
    const again = await action('members.end', {
      groupId: 'steering',
      personId: 'nobody',
      endedOn: '2026-03-01',
    });
    expect(JSON.stringify(cardOf(again))).toContain('ikke aktivt medlem');
  });

  it('imports pasted CSV with a dry-run report, and refuses a paste over the limit', async () => {
    const csv =
      'entraId,name,organisation,municipalityCode,groupId,termStart\nz-1,Zack,municipality,101,steering,2025-01-01\nz-2,Zoe,municipality,101,steering,2025-13-01';
    const checked = JSON.stringify(cardOf(await action('members.import', { csv, dryRun: true })));
    expect(checked).toContain('Linje 3: termStart skal være en dato (ÅÅÅÅ-MM-DD).');
    expect(await h.service.activeMembers('steering')).toHaveLength(0);
    const good = csv.split('\n').slice(0, 2).join('\n');
    expect(JSON.stringify(cardOf(await action('members.import', { csv: good, dryRun: true })))).toContain(
      'Intet er ændret',
    );
    expect(JSON.stringify(cardOf(await action('members.import', { csv: good, dryRun: false })))).toContain(
      'Importen er gennemført: 1',
    );
    const huge = JSON.stringify(
      cardOf(await action('members.import', { csv: 'x'.repeat(20_001), dryRun: false })),
    );
    expect(huge).toContain('for stor');
  });

  it('lists every bad line of a dry-run in the user language, the import checks included', async () => {
    const csv = [
      'entraId,name,organisation,groupId,termStart',
      'y-1,Yrsa,KL,steering,2025-01-01',
      'y-2,Yann,KL,nowhere,2025-01-01',
      'y-1,Yrsa,KL,steering,2025-01-01',
    ].join('\n');
    const danish = JSON.stringify(cardOf(await action('members.import', { csv, dryRun: true }, 'da')));
    expect(danish).toContain('Linje 3, groupId: Gruppen \\"nowhere\\" findes ikke.');
    expect(danish).toContain(
      'Linje 4, termStart: Samme medlemskab (person, gruppe og periodestart) står allerede på linje 2.',
    );
    expect(danish).not.toContain('no group');
    const english = JSON.stringify(cardOf(await action('members.import', { csv, dryRun: true }, 'en')));
    expect(english).toContain('Line 3, groupId: There is no group \\"nowhere\\".');
    expect(english).toContain(
      'Line 4, termStart: The same membership (person, group and termStart) is already on line 2.',
    );
    expect(english).not.toContain('Gruppen');
  });

  it('shows expiring terms, composition and history as valid cards', async () => {
    await h.service.appoint(
      municipal({ name: 'Erik', termStart: '2025-01-01', plannedEnd: '2026-03-01' }),
      'sec',
    );
    expect(JSON.stringify(cardOf((await command('udløbende'))[0]!))).toContain('Erik');
    const composition = JSON.stringify(cardOf((await command('sammensætning'))[0]!));
    expect(composition).toContain('Kommuner');
    expect(composition).toContain('1 af 9 (mangler 8)');
    expect(composition).toContain('Hovedstadskommuner');
    expect(JSON.stringify(cardOf((await command('medlemshistorik'))[0]!))).toContain('Erik');
  });

  it('exports personal data and erases a former member after confirmation', async () => {
    const input = municipal({ name: 'Frida', termStart: '2024-01-01' });
    await h.service.appoint(input, 'sec');
    const [data] = await command('persondata', input.personId);
    expect(data).toEqual(expect.stringContaining('"name": "Frida"'));
    cardOf((await command('anonymiser', input.personId))[0]!);
    const refused = JSON.stringify(cardOf(await action('members.erase', { personId: input.personId })));
    expect(refused).toContain('stadig medlem af steering');
    await h.service.endMembership('steering', input.personId, '2026-01-10', 'sec');
    const erased = JSON.stringify(cardOf(await action('members.erase', { personId: input.personId }, 'en')));
    expect(erased).toMatch(/anonymised as \\"Former member #[0-9a-f]{6}\\"/);
  });
});
