/**
 * Material (bilag) through the services: the proposal form's lines (a bad link refused with the
 * reason, nothing stored), "add material" on an item (the proposer or the secretariat; two at once
 * both count), old documents with one materialUrl, the agenda card and printable agenda listing
 * each item's material, and the 2-week flag of items without material.
 */
import { agendaCard } from '../../src/features/agenda/agenda-cards';
import { proposalFormCard } from '../../src/features/agenda/proposal-cards';
import { assertValidCard } from '../../src/platform/cards/validate';
import { proposalMessages } from '../../src/features/agenda/proposal-messages';
import { createMeetingHooks } from '../../src/features/agenda/agenda-feature';
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import { ManualClock } from '../../src/domain/clock';
import type { Group } from '../../src/domain/model';
import { translatorFor } from '../../src/platform/i18n';
import { AgendaService } from '../../src/features/agenda/agenda-service';
import { agendaHtml } from '../../src/features/agenda/calendar';
import { MeetingService } from '../../src/features/meetings/meetings-service';
import { meetingCycle } from '../../src/features/agenda/meeting-cycle';
import { ProposalService } from '../../src/features/agenda/proposals-service';
import type { ActorRole } from '../../src/domain/roles';
import type { AuditEntry, ChannelMessenger, GroupRegistry, OutboundMessage } from '../../src/domain/ports';
import { MeetingRepository, type MeetingRecord } from '../../src/features/meetings/meetings-repository';
import { PeopleRepository } from '../../src/features/members/people-repository';
import { ProposalRepository } from '../../src/features/agenda/proposals-repository';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';

const governance = loadGovernance();
const t = translatorFor('da');

class Recorder implements ChannelMessenger {
  posts: Array<{ groupId: string; message: OutboundMessage }> = [];
  async postToGroup(groupId: string, message: OutboundMessage) {
    this.posts.push({ groupId, message });
    return { activityId: `a-${this.posts.length}` };
  }
  async updateInGroup() {}
}

const groups: Group[] = governance.bodies.map((body) => ({
  id: body.id,
  kind: body.kind,
  name: body.name,
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
}));
function registry(boundSecretariat: boolean): GroupRegistry {
  return {
    getGroup: async (id) => groups.find((g) => g.id === id),
    listGroups: async () => groups,
    bindingOfGroup: async (id) =>
      id === 'secretariat' && !boundSecretariat
        ? undefined
        : {
            groupId: id,
            teamId: 't',
            channelId: `c-${id}`,
            boundBy: 'x',
            boundAt: '2026-01-01T00:00:00.000Z',
          },
    bindingOfChannel: async () => undefined,
    bind: async () => {
      throw new Error('unused');
    },
    unbind: async () => false,
    recordInstallation: async () => {},
  };
}

function setup(options: { boundSecretariat?: boolean } = {}) {
  const store = SqliteStore.inMemory();
  const clock = new ManualClock('2027-01-10T09:00:00.000Z');
  const audit: AuditEntry[] = [];
  const auditLog = { append: async (entry: AuditEntry) => void audit.push(entry) };
  const meetingsRepo = new MeetingRepository(store);
  const proposalsRepo = new ProposalRepository(store);
  const people = new PeopleRepository(store);
  const messenger = new Recorder();
  const groupRegistry = registry(options.boundSecretariat ?? true);
  const meetings = new MeetingService(meetingsRepo, auditLog, clock, governance);
  // Anne is a member of every group; anyone else is a member of none.
  const roles = {
    rolesOf: async (personId: string | undefined) =>
      personId === 'aad-anne' ? (['member'] as ActorRole[]) : [],
  };
  const proposals = new ProposalService(
    proposalsRepo,
    meetingsRepo,
    groupRegistry,
    messenger,
    auditLog,
    clock,
    governance,
    proposalMessages({ governance, timeZone: governance.timeZone, groups: groupRegistry }),
    roles,
  );
  const agenda = new AgendaService(meetingsRepo, proposalsRepo, people, governance);
  const cycle = meetingCycle({
    meetings,
    proposals,
    agenda,
    timeZone: governance.timeZone,
    publicBaseUrl: 'https://fki.example.org',
  });
  return {
    store,
    clock,
    audit,
    meetingsRepo,
    proposalsRepo,
    people,
    messenger,
    meetings,
    proposals,
    agenda,
    cycle,
    groupRegistry,
  };
}

const anne = { id: 'aad-anne', name: 'Anne', isSecretariat: false };
const secretariat = { id: 'sec', isSecretariat: true };
const fields = { title: 'Cloud', description: 'd', kind: 'discussion', requestedMinutes: '20' };

let s: ReturnType<typeof setup>;
let meeting: MeetingRecord;
beforeEach(async () => {
  s = setup();
  const result = await s.meetings.schedule({
    groupId: 'steering',
    date: '2027-04-01',
    time: '10:00',
    actorId: 'sec',
  });
  if (result.kind !== 'scheduled') throw new Error(result.kind);
  meeting = result.meeting;
});
afterEach(() => s.store.close());

async function propose(cardInstanceId: string, extra: Record<string, string> = {}) {
  return s.proposals.submit({
    groupId: 'steering',
    meetingId: meeting.id,
    cardInstanceId,
    fields: { ...fields, title: `Punkt ${cardInstanceId}`, ...extra },
    actor: anne,
  });
}

async function accepted(cardInstanceId: string, extra: Record<string, string> = {}) {
  const result = await propose(cardInstanceId, extra);
  if (result.kind !== 'accepted') throw new Error(result.kind);
  await s.proposals.triage({
    groupId: 'steering',
    proposalId: result.proposal.id,
    decision: 'accept',
    actorId: 'sec',
  });
  return result.proposal;
}

describe('the proposal form', () => {
  it('refuses a bad link with the localised reason on the re-filled form and stores nothing', async () => {
    const material = 'Budget | http://example.org/budget.pdf\nhttps://example.org/x.exe';
    const result = await propose('bad', { material });
    expect(result).toMatchObject({ kind: 'invalid' });
    expect(await s.proposals.forMeeting('steering', meeting.id)).toEqual([]);
    if (result.kind !== 'invalid') throw new Error(result.kind);
    const card = proposalFormCard(t, {
      locale: 'da',
      timeZone: governance.timeZone,
      groupId: 'steering',
      groupName: 'Styregruppen',
      meeting,
      deadline: s.proposals.deadlineOf(meeting),
      cardInstanceId: 'bad',
      values: { ...fields, material },
      errors: result.errors,
    });
    assertValidCard(card);
    const text = JSON.stringify(card);
    expect(text).toContain('Linje 1: linket skal begynde med https://.');
    expect(text).toContain('Linje 2: den filtype er ikke tilladt som bilag. Tilladte filtyper: pdf, docx');
  });

  it('stores several links with title, kind, who and when', async () => {
    const result = await propose('good', {
      material: 'Budget | https://example.org/b.xlsx\nhttps://www.kombit.dk',
    });
    if (result.kind !== 'accepted') throw new Error(result.kind);
    const stored = await s.proposals.get('steering', result.proposal.id);
    expect(stored?.material).toEqual([
      {
        title: 'Budget',
        kind: 'xlsx',
        url: 'https://example.org/b.xlsx',
        source: 'link',
        addedBy: 'aad-anne',
        addedAt: s.clock.now().toISOString(),
      },
      {
        title: 'www.kombit.dk',
        kind: 'link',
        url: 'https://www.kombit.dk/',
        source: 'link',
        addedBy: 'aad-anne',
        addedAt: s.clock.now().toISOString(),
      },
    ]);
  });
});

describe('adding material to an item', () => {
  it('lets the proposer and the secretariat add at once, both count; others are refused', async () => {
    const proposal = await accepted('a');
    const [first, second] = await Promise.all([
      s.proposals.material.addLinks({
        groupId: 'steering',
        proposalId: proposal.id,
        text: 'https://a.dk/1.pdf',
        actor: anne,
      }),
      s.proposals.material.addLinks({
        groupId: 'steering',
        proposalId: proposal.id,
        text: 'Notat | https://a.dk/2.docx',
        actor: secretariat,
      }),
    ]);
    expect([first.kind, second.kind]).toEqual(['added', 'added']);
    const stored = await s.proposals.get('steering', proposal.id);
    expect(stored?.material?.map((entry) => entry.url).sort()).toEqual([
      'https://a.dk/1.pdf',
      'https://a.dk/2.docx',
    ]);
    const other = await s.proposals.material.addLinks({
      groupId: 'steering',
      proposalId: proposal.id,
      text: 'https://a.dk/3.pdf',
      actor: { id: 'someone', isSecretariat: false },
    });
    expect(other).toEqual({ kind: 'not-allowed' });
    // The same link again counts once.
    const again = await s.proposals.material.addLinks({
      groupId: 'steering',
      proposalId: proposal.id,
      text: 'https://a.dk/1.pdf',
      actor: anne,
    });
    expect(again).toMatchObject({ kind: 'added', added: 0 });
    expect((await s.proposals.get('steering', proposal.id))?.material).toHaveLength(2);
  });

  it('refuses a disallowed file and a malformed link, storing nothing', async () => {
    const proposal = await accepted('b');
    const bad = await s.proposals.material.addTeamsFile({
      groupId: 'steering',
      proposalId: proposal.id,
      file: { name: 'x.zip', uniqueId: 'u', fileType: 'zip', contentUrl: 'https://a.dk/x.zip' },
      actor: anne,
    });
    expect(bad).toMatchObject({ kind: 'invalid', errors: [{ code: 'type-not-allowed' }] });
    const malformed = await s.proposals.material.addLinks({
      groupId: 'steering',
      proposalId: proposal.id,
      text: 'nope',
      actor: anne,
    });
    expect(malformed).toMatchObject({ kind: 'invalid', errors: [{ code: 'malformed' }] });
    expect((await s.proposals.get('steering', proposal.id))?.material).toBeUndefined();
  });
});

describe('the detailed agenda', () => {
  it('lists each item material (an old single materialUrl too), and flags items without to the proposer and the secretariat', async () => {
    const withFile = await accepted('med');
    await s.proposals.material.addTeamsFile({
      groupId: 'steering',
      proposalId: withFile.id,
      file: {
        name: 'Notat.pdf',
        uniqueId: 'u-1',
        fileType: 'pdf',
        contentUrl: 'https://kombit-my.sharepoint.com/p/Notat.pdf',
      },
      actor: anne,
    });
    await accepted('gammel', { materialUrl: 'https://example.org/gammel.docx' });
    const without = await accepted('uden');
    s.messenger.posts = [];
    const hooks = createMeetingHooks({ cycle: s.cycle, groups: s.groupRegistry, messenger: s.messenger });
    const message = await hooks.onDetailedAgendaDue!(
      s.meetings.plain(meeting),
      {
        now: s.clock.now(),
        dueAt: s.clock.now(),
        late: false,
        attempt: 1,
      },
      'da',
    );
    assertValidCard(message!.card);
    const card = JSON.stringify(message!.card);
    expect(card).toContain('[Notat.pdf](https://kombit-my.sharepoint.com/p/Notat.pdf) (PDF)');
    expect(card).toContain('[gammel.docx](https://example.org/gammel.docx) (DOCX)');
    expect(card).toContain('material.add');

    expect(s.messenger.posts.map((post) => post.groupId)).toEqual(['person:aad-anne', 'secretariat']);
    expect(s.messenger.posts[0]!.message.text).toContain(`Dit punkt "${without.title}"`);
    const flag = JSON.stringify(s.messenger.posts[1]!.message.card);
    assertValidCard(s.messenger.posts[1]!.message.card);
    expect(flag).toContain('Punkt uden');
    expect(flag).not.toContain('Punkt med');

    const view = await s.agenda.draft(meeting);
    const html = agendaHtml({
      view,
      groupName: 'Styregruppen',
      meetingTime: 'x',
      locale: 'da',
      timeZone: governance.timeZone,
    });
    expect(html).toContain('<a href="https://kombit-my.sharepoint.com/p/Notat.pdf">Notat.pdf</a> (PDF)');
    const draft = agendaCard(t, {
      locale: 'da',
      timeZone: governance.timeZone,
      groupName: 'S',
      view,
      links: s.cycle.links(meeting),
      variant: 'draft',
    });
    assertValidCard(draft);
  });

  it('flags nothing when every item has material', async () => {
    await accepted('med', { material: 'https://a.dk/1.pdf' });
    s.messenger.posts = [];
    const hooks = createMeetingHooks({ cycle: s.cycle, groups: s.groupRegistry, messenger: s.messenger });
    await hooks.onDetailedAgendaDue!(
      s.meetings.plain(meeting),
      {
        now: s.clock.now(),
        dueAt: s.clock.now(),
        late: false,
        attempt: 1,
      },
      'da',
    );
    expect(s.messenger.posts).toEqual([]);
  });
});

describe('the 2-week posts, each in its reader language (issue 26.5)', () => {
  const context = () => ({ now: s.clock.now(), dueAt: s.clock.now(), late: false, attempt: 1 });
  const hooksWith = (chosen: Record<string, 'da' | 'en'>) =>
    createMeetingHooks({
      cycle: s.cycle,
      groups: s.groupRegistry,
      messenger: s.messenger,
      governance,
      languages: { preferenceOf: async (personId) => chosen[personId] },
    });

  it('tells a proposer who chose English in English, while the secretariat card stays in its body language', async () => {
    const without = await accepted('uden');
    s.messenger.posts = [];
    await hooksWith({ 'aad-anne': 'en' }).onDetailedAgendaDue!(s.meetings.plain(meeting), context(), 'da');
    const [personal, secretariatFlag] = s.messenger.posts;
    expect(personal!.groupId).toBe('person:aad-anne');
    expect(personal!.message.text).toContain(`Your item "${without.title}"`);
    expect(personal!.message.text).toContain('Thursday 1 April 2027');
    expect(personal!.message.text).not.toContain('Dit punkt');
    expect(secretariatFlag!.groupId).toBe('secretariat');
    expect(JSON.stringify(secretariatFlag!.message.card)).toContain('torsdag 1. april 2027');
  });

  it('tells a proposer who chose nothing in the file default, and writes the agenda in the channel language', async () => {
    await accepted('uden');
    s.messenger.posts = [];
    const agenda = await hooksWith({}).onDetailedAgendaDue!(s.meetings.plain(meeting), context(), 'en');
    expect(s.messenger.posts[0]!.message.text).toContain('Dit punkt');
    expect(agenda!.summary).toContain('Detailed agenda');
    expect(JSON.stringify(agenda!.card)).not.toContain('Detaljeret dagsorden');
  });
});
