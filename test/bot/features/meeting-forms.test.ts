/**
 * The meeting forms (issue 26.7): a refused form reports every bad field at once, each under its
 * input, with what was typed kept; required inputs are marked; a command's "kl. 10" is the time and
 * never part of the location.
 */
import { meetingsFeature } from '../../../src/features/meetings';
import { scheduleMeetingCard } from '../../../src/features/meetings/meeting-cards';
import {
  moveArgs,
  moveInput,
  scheduleArgs,
  scheduleInput,
} from '../../../src/features/meetings/meetings-input';
import { assertValidCard } from '../../../src/platform/cards/validate';
import { translatorFor } from '../../../src/platform/i18n';
import { da } from '../../../src/platform/i18n/da';
import type { CardActionContext } from '../../../src/platform/teams/feature';
import { fieldErrors } from '../../../src/platform/teams/define';

const t = translatorFor('da');

function scheduleAction() {
  const action = meetingsFeature.cardActions!.find((spec) => spec.verb === 'meeting.schedule')!;
  return (data: Record<string, unknown>) =>
    action.handle({
      t,
      locale: 'da',
      data,
      verb: 'meeting.schedule',
      services: { groups: { getGroup: async () => undefined } },
    } as unknown as CardActionContext);
}

type Element = { id?: string; isRequired?: boolean; errorMessage?: string; label?: string; value?: string };

function inputsOf(card: { body: unknown[] }): Element[] {
  return (card.body as Element[]).filter((element) => element.id !== undefined);
}

describe('the schedule form', () => {
  it('reports a bad date, a bad time and a too long location at once, under each field', async () => {
    const data = { groupId: 'steering', date: '31.02.2027', time: '24.00', location: 'x'.repeat(301) };
    const parsed = scheduleInput.safeParse(data);
    expect(parsed.success).toBe(false);
    const errors = fieldErrors(t, parsed.error!.issues);
    expect(Object.keys(errors).sort()).toEqual(['date', 'location', 'time']);

    const result = await scheduleAction()(data);
    expect(result.kind).toBe('card');
    const card = (result as { card: { body: unknown[] } }).card;
    assertValidCard(card);
    const text = JSON.stringify(card);
    expect(text).toContain('Datoen \\"31.02.2027\\" findes ikke i kalenderen.');
    expect(text).toContain('Klokkeslættet \\"24.00\\" findes ikke: timetallet skal være fra 0 til 23.');
    expect(text).toContain('må højst være 300 tegn.');
    // The typed values are kept.
    expect(inputsOf(card).find((input) => input.id === 'date')!.value).toBe('31.02.2027');
  });

  it('accepts the Danish ways of writing the slot', () => {
    expect(scheduleInput.parse({ groupId: 'g', date: '10/3-2027', time: 'kl. 10', location: '' })).toEqual({
      groupId: 'g',
      date: '2027-03-10',
      time: '10:00',
      location: '',
    });
  });

  it('marks the date and the time as required, with a message from the catalogue', () => {
    const card = scheduleMeetingCard(t, { groupId: 'g', groupName: 'Styregruppen' });
    assertValidCard(card);
    const inputs = inputsOf(card);
    expect(inputs.find((input) => input.id === 'date')).toMatchObject({
      isRequired: true,
      errorMessage: da.meetings.fieldDateRequired,
    });
    expect(inputs.find((input) => input.id === 'time')).toMatchObject({
      isRequired: true,
      errorMessage: da.meetings.fieldTimeRequired,
    });
    expect(inputs.find((input) => input.id === 'location')!.isRequired).toBeUndefined();
  });

  it('the move form reports a bad date and a bad time together; an empty time keeps the meeting time', () => {
    const bad = moveInput.safeParse({
      groupId: 'g',
      meetingId: 'm',
      newDate: '2027-13-01',
      newTime: '10.60',
    });
    expect(Object.keys(fieldErrors(t, bad.error!.issues)).sort()).toEqual(['newDate', 'newTime']);
    expect(moveInput.parse({ groupId: 'g', meetingId: 'm', newDate: '1.4.2027', newTime: '' })).toMatchObject(
      {
        newDate: '2027-04-01',
        newTime: undefined,
      },
    );
  });
});

describe('the meeting commands', () => {
  it('"planlæg møde 10.03.2027 kl. 10 KOMBIT": kl. 10 is the time, the rest the location', () => {
    expect(scheduleArgs.parse('10.03.2027 kl. 10 KOMBIT, Weidekampsgade')).toEqual({
      date: '10.03.2027',
      time: 'kl. 10',
      location: 'KOMBIT, Weidekampsgade',
    });
    expect(scheduleArgs.parse('10.03.2027 kl. 10')).toEqual({
      date: '10.03.2027',
      time: 'kl. 10',
      location: '',
    });
  });

  it('"flyt møde 2027-04-01 8.4.2027 kl 13.30"', () => {
    expect(moveArgs.parse('2027-04-01 8.4.2027 kl 13.30')).toEqual({
      reference: '2027-04-01',
      date: '8.4.2027',
      time: 'kl 13.30',
    });
  });
});
