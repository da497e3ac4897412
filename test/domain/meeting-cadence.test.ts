import { bodyCadence, governanceSchema } from '../../src/domain/governance';
import { cadenceSlots, meetingCadenceSchema } from '../../src/domain/meeting-cadence';
import { fki } from './governance-fixture';

describe('meeting cadence from the governance file', () => {
  it("proposes FKI's quarterly first Thursdays at 10:00", () => {
    expect(cadenceSlots(bodyCadence(fki, 'steering'), 2027, fki.timeZone)).toEqual([
      { date: '2027-03-04', time: '10:00' },
      { date: '2027-06-03', time: '10:00' },
      { date: '2027-09-02', time: '10:00' },
      { date: '2027-12-02', time: '10:00' },
    ]);
  });

  it('proposes a monthly body its last Tuesdays at 18:00, in month order', () => {
    const cadence = meetingCadenceSchema.parse({
      months: [12, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11],
      weekday: 'tuesday',
      week: 'last',
      time: '18:00',
    });
    const slots = cadenceSlots(cadence, 2027, 'Europe/Oslo');
    expect(slots).toHaveLength(11);
    expect(slots.slice(0, 3)).toEqual([
      { date: '2027-01-26', time: '18:00' },
      { date: '2027-02-23', time: '18:00' },
      { date: '2027-03-30', time: '18:00' },
    ]);
    expect(slots.at(-1)).toEqual({ date: '2027-12-28', time: '18:00' });
  });

  it('takes the third Wednesday, and a body its own cadence over the file default', () => {
    const raw = structuredClone(fki) as unknown as Record<string, unknown> & {
      bodies: Record<string, unknown>[];
    };
    raw.bodies[1] = {
      ...raw.bodies[1],
      meeting: { cadence: { months: [1, 5], weekday: 'wednesday', week: 3 } },
    };
    const governance = governanceSchema.parse(raw);
    const id = governance.bodies[1]!.id;
    expect(cadenceSlots(bodyCadence(governance, id), 2027, governance.timeZone)).toEqual([
      { date: '2027-01-20', time: '10:00' },
      { date: '2027-05-19', time: '10:00' },
    ]);
    expect(bodyCadence(governance, 'steering').months).toEqual([3, 6, 9, 12]);
  });

  it('names every bad field of a cadence', () => {
    const result = meetingCadenceSchema.safeParse({
      months: [0, 3, 3],
      weekday: 'thorsday',
      week: 5,
      time: '25:00',
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['months.0', 'weekday', 'week', 'time']));
  });
});
