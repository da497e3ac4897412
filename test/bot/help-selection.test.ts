/** The help shows what the caller may do here, likely next steps first, and the closest commands (issue 26.8). */
import { allFeatures } from '../../src/app/features';
import { helpCard } from '../../src/platform/cards/core-cards';
import { validateCard } from '../../src/platform/cards/validate';
import { translatorFor } from '../../src/platform/i18n';
import type { ActorRole } from '../../src/domain/roles';
import type { HelpPlace } from '../../src/platform/teams/feature';
import {
  closestCommands,
  selectHelp,
  usableHere,
  type HelpAudience,
} from '../../src/platform/teams/help-selection';

const features = allFeatures();
const all = features.flatMap((feature) => feature.commands ?? []);
const ids = (commands: ReadonlyArray<{ id: string }>) => commands.map((command) => command.id);
const audience = (roles: ActorRole[], place: HelpPlace): HelpAudience => ({ roles, place });
const shown = (who: HelpAudience) => {
  const selection = selectHelp(features, who);
  return [...ids(selection.nextSteps), ...selection.sections.flatMap((section) => ids(section.commands))];
};
const suggest = (typed: string, who: HelpAudience) =>
  ids(
    closestCommands(
      typed,
      all.filter((command) => usableHere(command, who)),
    ),
  );

describe('what the help shows', () => {
  test("a member in their group's channel: propose, agenda, status first; no secretariat command", () => {
    const member = audience(['member'], 'bound');
    const selection = selectHelp(features, member);
    expect(ids(selection.nextSteps)).toEqual(['proposal.open', 'agenda.show', 'status']);
    expect(shown(member)).not.toContain('appoint');
    expect(shown(member)).not.toContain('meeting.scheduleYear');
    expect(shown(member)).toContain('record.minutes');
    expect(selection.hiddenCount).toBe(all.length - shown(member).length);
  });

  test('the secretariat in a group channel starts with planning the year', () => {
    const selection = selectHelp(features, audience(['administer'], 'bound'));
    expect(ids(selection.nextSteps)).toEqual(['meeting.scheduleYear', 'proposal.open', 'agenda.show']);
    expect(shown(audience(['administer'], 'bound'))).toContain('appoint');
  });

  test('the secretariat in a channel bound to no group starts with binding it', () => {
    expect(ids(selectHelp(features, audience(['administer'], 'unbound')).nextSteps)[0]).toBe('bind');
    // Nobody else may bind: their first step is something they can do.
    expect(ids(selectHelp(features, audience([], 'unbound')).nextSteps)).not.toContain('bind');
  });

  test("a personal chat shows no command that needs a group's channel", () => {
    const personal = shown(audience(['administer'], 'personal'));
    const needsChannel = all.filter((command) => command.requires !== undefined).map((c) => c.id);
    expect(needsChannel.length).toBeGreaterThan(5);
    expect(personal.filter((id) => needsChannel.includes(id))).toEqual([]);
    expect(personal).toContain('expiring');
  });

  test('a command appears once: a next step is not repeated in its section', () => {
    const list = shown(audience(['administer'], 'bound'));
    expect(new Set(list).size).toBe(list.length);
  });
});

describe('the closest commands to an unknown one', () => {
  const member = audience(['member'], 'bound');

  test('a question about the next meeting suggests the status and the meetings', () => {
    const found = suggest('hvornår er næste møde?', member);
    expect(found[0]).toBe('status');
    expect(found).toContain('meeting.list');
    expect(found.length).toBeLessThanOrEqual(3);
  });

  test('a typo finds its command', () => {
    expect(suggest('dagsordn', member)[0]).toBe('agenda.show');
    expect(suggest('medlemer', member)[0]).toBe('members');
    expect(suggest('agnda', member)[0]).toBe('agenda.show');
  });

  test('only what the caller may use is suggested, and nothing unlike', () => {
    expect(suggest('udpge', member)).not.toContain('appoint');
    expect(suggest('udpge', audience(['administer'], 'bound'))).toContain('appoint');
    expect(suggest('flyvefisk', member)).toEqual([]);
  });
});

describe.each(['da', 'en'] as const)('the help card (%s)', (locale) => {
  const t = translatorFor(locale);
  test('is a valid card with the next steps, section headings and the hidden count', () => {
    const selection = selectHelp(features, audience(['member'], 'bound'));
    const card = helpCard(t, locale, { selection });
    expect(validateCard(card).problems).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain(t('help.nextSteps'));
    expect(text).toContain(t('help.section_meetings'));
    expect(text).toContain(t('help.hiddenHere', { count: selection.hiddenCount }));
  });

  test('for an unknown command it names the suggestions first, or says there are none', () => {
    const selection = selectHelp(features, audience(['member'], 'bound'));
    const suggestions = all.filter((command) => command.id === 'agenda.show');
    const withMatch = JSON.stringify(
      helpCard(t, locale, { selection, unknown: { typed: 'agnda', suggestions } }),
    );
    expect(withMatch).toContain(JSON.stringify(t('help.unknownCommand', { command: 'agnda' })).slice(1, -1));
    const noMatch = helpCard(t, locale, { selection, unknown: { typed: 'flyvefisk', suggestions: [] } });
    expect(validateCard(noMatch).problems).toEqual([]);
    expect(JSON.stringify(noMatch)).toContain(
      JSON.stringify(t('help.unknownNoMatch', { command: 'flyvefisk' })).slice(1, -1),
    );
  });
});
