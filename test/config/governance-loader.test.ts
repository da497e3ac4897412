import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  defaultGovernancePath,
  formatPath,
  GovernanceConfigError,
  loadGovernance,
  parseGovernance,
} from '../../src/platform/governance/governance-loader';
import { bodyAgenda, governanceOrganisations } from '../../src/domain/governance';

const dir = mkdtempSync(path.join(tmpdir(), 'gov-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeTemp(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw config data is mutated freely in tests
function minimal(): Record<string, any> {
  return {
    bodies: [{ id: 'steering', kind: 'board', name: { da: 'Styregruppe', en: 'Steering group' } }],
    standardAgenda: [{ id: 'item', title: { da: 'Punkt', en: 'Item' }, minutes: 10 }],
    annualWheel: {},
  };
}

function errorOf(fn: () => unknown): GovernanceConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GovernanceConfigError);
    return error as GovernanceConfigError;
  }
  throw new Error('expected a GovernanceConfigError');
}

describe('the bundled FKI governance', () => {
  const governance = loadGovernance(defaultGovernancePath());

  it('has the six FKI bodies with their profiles and term rules', () => {
    expect(governance.bodies.map((b) => b.id)).toEqual([
      'steering',
      'ref-forretning',
      'ref-arkitektur',
      'ref-drift',
      'secretariat',
      'management',
    ]);
    const steering = governance.bodies[0]!;
    expect(steering.members).toEqual({ municipal: 9, organisations: { KL: 1, UDK: 1 } });
    expect(steering.term).toEqual({ maxYears: 5, pauseYears: 1 });
    const reference = governance.bodies[1]!;
    expect(reference.members).toEqual({ municipal: 6, organisations: { KL: 1 } });
    expect(reference.term).toEqual({ maxYears: 3, pauseYears: 1 });
  });

  it('has the deck defaults', () => {
    expect(governance.timeZone).toBe('Europe/Copenhagen');
    expect(
      governanceOrganisations(governance)
        .filter((organisation) => organisation.exemptFromTerms)
        .map((organisation) => organisation.id),
    ).toEqual(['KL', 'UDK', 'KOMBIT']);
    expect(governance.seniority).toEqual({ minShare: 1 / 3, minYears: 1 });
    expect(governance.meeting.lengthMinutes).toBe(240);
    expect(governance.deadlines).toEqual({
      agendaProposalsDays: 28,
      statusReportsDays: 28,
      detailedAgendaDays: 14,
      headsUpDaysBeforeDeadline: 7,
    });
    expect(governance.standardAgenda).toHaveLength(6);
    // "Godkendelse af referat" right after the opening item: saving its decision approves the last minutes.
    expect(governance.standardAgenda.slice(0, 2).map((i) => [i.id, i.title.da, i.minutes])).toEqual([
      ['orientation-kl-kombit', 'Kort orientering fra KL og KOMBIT', 20],
      ['approval-of-minutes', 'Godkendelse af referat', 5],
    ]);
    expect(governance.standardAgenda.find((i) => i.role === 'inspiration')?.id).toBe('inspiration-talk');
    expect(Object.keys(governance.annualWheel)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    expect(governance.annualWheel.Q4.map((i) => i.id)).toContain('q4-buffet-price');
    expect(governance.budget.buffetPricePerCitizenKr).toBe(5);
    expect(governance.hearing).toEqual({ closingDays: 14, rule: 'majority-with-quorum', quorumShare: 0.5 });
    expect(governance.reminders).toEqual({ termEndingWarningDays: 90, workingGroupEndWarningDays: 30 });
    expect(governance.scheduler.scanCron).toBe('*/5 * * * *');
  });

  it('defaultGovernancePath points at config/fki-governance.yaml', () => {
    expect(defaultGovernancePath()).toMatch(/config[\\/]fki-governance\.yaml$/);
  });
});

describe('parseGovernance', () => {
  it('applies defaults for omitted sections', () => {
    const governance = parseGovernance(minimal(), 'mem');
    expect(governance.timeZone).toBe('Europe/Copenhagen');
    expect(governance.hearing.rule).toBe('majority-with-quorum');
    expect(governance.annualWheel.Q2).toEqual([]);
    expect(governance.standardAgenda[0]!.kind).toBe('orientation');
  });

  it('accepts a fraction text for shares', () => {
    const raw = minimal();
    raw.seniority = { minShare: '2/5', minYears: 2 };
    expect(parseGovernance(raw, 'mem').seniority).toEqual({ minShare: 0.4, minYears: 2 });
  });

  it('names a bad nested field with its path and value', () => {
    const raw = minimal();
    raw.bodies.push({
      id: 'ref',
      kind: 'reference',
      name: { da: 'R', en: 'R' },
      term: { maxYears: -3, pauseYears: 1 },
    });
    const error = errorOf(() => parseGovernance(raw, 'config/x.yaml'));
    expect(error.message).toBe('config/x.yaml: bodies[1].term.maxYears: expected a positive integer, got -3');
    expect(error.problems).toHaveLength(1);
  });

  it('lists every problem, one line each', () => {
    const raw = minimal();
    raw.timeZone = 'Mars/Olympus';
    raw.bodies[0].kind = 'council';
    raw.bodies[0].colour = 'red';
    raw.hearing = { closingDays: 1.5, rule: 'unanimity', quorumShare: 2 };
    raw.standardAgenda[0].title.en = '';
    delete raw.standardAgenda[0].minutes;
    const error = errorOf(() => parseGovernance(raw, 'g.yaml'));
    expect(error.problems.sort()).toEqual(
      [
        'g.yaml: timeZone: expected an IANA time zone such as Europe/Copenhagen, got "Mars/Olympus"',
        'g.yaml: bodies[0].kind: expected one of board, reference, working, administration, management, got "council"',
        'g.yaml: bodies[0].colour: unknown field',
        'g.yaml: hearing.closingDays: expected a positive integer, got 1.5',
        'g.yaml: hearing.rule: expected one of majority-with-quorum, silence-is-consent, got "unanimity"',
        'g.yaml: hearing.quorumShare: expected a share between 0 (exclusive) and 1, as a number or a fraction like "1/3", got 2',
        'g.yaml: standardAgenda[0].title.en: expected a non-empty text, got ""',
        'g.yaml: standardAgenda[0].minutes: expected a positive integer, got nothing (the field is missing)',
      ].sort(),
    );
    expect(error.message).toContain('8 problems');
  });

  it('refuses duplicate ids, a missing deciding body and deadlines in the wrong order', () => {
    const raw = minimal();
    raw.bodies = [
      { id: 'ref', kind: 'reference', name: { da: 'R', en: 'R' } },
      { id: 'ref', kind: 'reference', name: { da: 'R2', en: 'R2' } },
    ];
    raw.deadlines = {
      agendaProposalsDays: 28,
      statusReportsDays: 28,
      detailedAgendaDays: 28,
      headsUpDaysBeforeDeadline: 7,
    };
    const error = errorOf(() => parseGovernance(raw, 'g.yaml'));
    expect(error.problems).toEqual(
      expect.arrayContaining([
        'g.yaml: bodies[1].id: expected a unique body id (already used by bodies[0]), got "ref"',
        'g.yaml: roles.decide: expected the deciding body (roles.decide, or a body of kind board), got nothing (the field is missing)',
        expect.stringMatching(/^g\.yaml: deadlines\.detailedAgendaDays: expected fewer days .*, got 28$/),
      ]),
    );
  });

  it('refuses a non-object document', () => {
    expect(errorOf(() => parseGovernance(null, 'empty.yaml')).message).toMatch(
      /^empty\.yaml: \(root\): .*got null$/,
    );
  });
});

describe('per-body agenda settings', () => {
  const fki = loadGovernance(defaultGovernancePath());
  const item = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    title: { da: `Punkt ${id}`, en: `Item ${id}` },
    minutes: 10,
    ...extra,
  });

  it('the FKI file: the steering group has the deck items, the reference and working groups their own', () => {
    const steering = bodyAgenda(fki, 'steering');
    expect(steering.standardAgenda).toBe(fki.standardAgenda);
    expect(steering.inspirationTalk).toBe(true);
    expect(steering.annualWheel.Q4.map((i) => i.id)).toContain('q4-buffet-price');
    for (const id of ['ref-forretning', 'ref-arkitektur', 'ref-drift']) {
      const reference = bodyAgenda(fki, id);
      expect(reference.standardAgenda.map((i) => [i.id, i.title.da, i.title.en])).toEqual([
        [
          'orientation-from-steering',
          'Orientering fra kommunestyregruppen',
          'Orientation from the steering group',
        ],
        ['approval-of-minutes', 'Godkendelse af referat', 'Approval of the minutes'],
        ['working-group-status', 'Status på arbejdsgrupperne', 'Status on the working groups'],
        ['any-other-business', 'Eventuelt', 'Any other business'],
      ]);
      expect(reference.inspirationTalk).toBe(false);
      expect(Object.values(reference.annualWheel).flat()).toEqual([]);
      expect(reference.deadlines).toEqual(fki.deadlines);
    }
    // A working group is created by the bot, so the file does not list it: its kind's settings.
    const working = bodyAgenda(fki, 'wg-cloud');
    expect(working.standardAgenda.map((i) => i.id)).toEqual(['task-status', 'any-other-business']);
    expect(working.inspirationTalk).toBe(false);
  });

  it('a file without per-body settings loads: every body uses the top-level defaults', () => {
    const raw = minimal();
    raw.bodies.push({ id: 'ref', kind: 'reference', name: { da: 'R', en: 'R' } });
    const governance = loadGovernance(writeTemp('defaults.yaml', stringify(raw)));
    expect(governance.bodyKinds).toBeUndefined();
    for (const id of ['steering', 'ref', 'wg-x']) {
      expect(bodyAgenda(governance, id)).toEqual({
        standardAgenda: governance.standardAgenda,
        annualWheel: { Q1: [], Q2: [], Q3: [], Q4: [] },
        inspirationTalk: false,
        deadlines: governance.deadlines,
      });
    }
  });

  it('a file with per-body and per-kind overrides loads: the body, then its kind, then the top level', () => {
    const raw = minimal();
    raw.standardAgenda.push(item('talk', { role: 'inspiration' }));
    raw.annualWheel = { Q1: [item('q1-goals')] };
    raw.bodies.push(
      {
        id: 'ref-a',
        kind: 'reference',
        name: { da: 'A', en: 'A' },
        standardAgenda: [item('own-a')],
        deadlines: { detailedAgendaDays: 7 },
      },
      { id: 'ref-b', kind: 'reference', name: { da: 'B', en: 'B' }, inspirationTalk: false },
    );
    raw.bodyKinds = {
      reference: {
        standardAgenda: [item('kind-item'), item('kind-talk', { role: 'inspiration' })],
        annualWheel: {},
      },
    };
    const governance = loadGovernance(writeTemp('overrides.yaml', stringify(raw)));
    const steering = bodyAgenda(governance, 'steering');
    expect(steering.standardAgenda.map((i) => i.id)).toEqual(['item', 'talk']);
    expect(steering.inspirationTalk).toBe(true);
    expect(steering.annualWheel.Q1.map((i) => i.id)).toEqual(['q1-goals']);
    const a = bodyAgenda(governance, 'ref-a');
    expect(a.standardAgenda.map((i) => i.id)).toEqual(['own-a']);
    expect(a.inspirationTalk).toBe(false);
    expect(a.annualWheel.Q1).toEqual([]); // the kind's (empty) wheel
    // Deadlines are inherited offset by offset.
    expect(a.deadlines).toEqual({ ...governance.deadlines, detailedAgendaDays: 7 });
    const b = bodyAgenda(governance, 'ref-b');
    expect(b.standardAgenda.map((i) => i.id)).toEqual(['kind-item']); // inspirationTalk: false drops the talk
    expect(b.inspirationTalk).toBe(false);
  });

  it('names a bad per-body or per-kind field by its path', () => {
    const raw = minimal();
    raw.bodies.push({
      id: 'ref',
      kind: 'reference',
      name: { da: 'R', en: 'R' },
      standardAgenda: [item('own', { minutes: 0 })],
      annualWheel: { Q5: [] },
      inspirationTalk: true,
      deadlines: { detailedAgendaDays: 30 },
    });
    raw.bodyKinds = { reference: { inspirationTalk: 'yes' }, council: {} };
    const error = errorOf(() => parseGovernance(raw, 'g.yaml'));
    expect(error.problems.sort()).toEqual(
      [
        'g.yaml: bodies[1].standardAgenda[0].minutes: expected a positive integer, got 0',
        'g.yaml: bodies[1].annualWheel.Q5: unknown field',
        'g.yaml: bodyKinds.reference.inspirationTalk: expected true or false, got "yes"',
        'g.yaml: bodyKinds.council: unknown field',
      ].sort(),
    );
    // The rules across fields, once the fields themselves are valid.
    raw.bodies[1].standardAgenda = [item('own'), item('q1-goals')];
    delete raw.bodies[1].annualWheel;
    raw.annualWheel = { Q1: [item('q1-goals')] };
    raw.bodyKinds = {};
    const rules = errorOf(() => parseGovernance(raw, 'g.yaml'));
    expect(rules.problems.sort()).toEqual(
      [
        'g.yaml: bodies[1].deadlines.detailedAgendaDays: expected fewer days than the proposal and status-report deadlines (the agenda is built after them), got 30',
        'g.yaml: bodies[1].inspirationTalk: expected false, or a standard agenda with an item with role inspiration, got true',
        'g.yaml: bodies[1].standardAgenda[1].id: expected a unique agenda item id (already used by annualWheel.Q1[0]), got "q1-goals"',
      ].sort(),
    );
  });
});

describe('loadGovernance', () => {
  it('reads YAML and JSON by extension', () => {
    const yamlFile = writeTemp('ok.yaml', stringify(minimal()));
    const jsonFile = writeTemp('ok.json', JSON.stringify(minimal()));
    expect(loadGovernance(yamlFile).bodies[0]!.id).toBe('steering');
    expect(loadGovernance(jsonFile)).toEqual(loadGovernance(yamlFile));
  });

  it('names the file and the field of an invalid file', () => {
    const raw = minimal();
    raw.budget = { buffetPricePerCitizenKr: 'five' };
    const file = writeTemp('bad.yml', stringify(raw));
    expect(() => loadGovernance(file)).toThrow(
      `${file}: budget.buffetPricePerCitizenKr: expected a non-negative integer, got "five"`,
    );
  });

  it('reports syntax errors, missing files and unknown extensions', () => {
    const badJson = writeTemp('syntax.json', '{ "bodies": [');
    expect(() => loadGovernance(badJson)).toThrow(/syntax\.json: not valid JSON/);
    const badYaml = writeTemp('syntax.yaml', 'bodies: [unclosed\n  - x: : y');
    expect(() => loadGovernance(badYaml)).toThrow(/syntax\.yaml: not valid YAML/);
    expect(() => loadGovernance(path.join(dir, 'missing.yaml'))).toThrow(
      /missing\.yaml: cannot read the file/,
    );
    const txt = writeTemp('g.txt', '');
    expect(() => loadGovernance(txt)).toThrow(GovernanceConfigError);
  });
});

describe('formatPath', () => {
  it('writes indexes in brackets and keys with dots', () => {
    expect(formatPath(['bodies', 1, 'term', 'maxYears'])).toBe('bodies[1].term.maxYears');
    expect(formatPath(['annualWheel', 'Q1', 0, 'id'])).toBe('annualWheel.Q1[0].id');
    expect(formatPath([])).toBe('(root)');
  });
});
