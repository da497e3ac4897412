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
    bodies: [{ id: 'steering', kind: 'steering', name: { da: 'Styregruppe', en: 'Steering group' } }],
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
    expect(governance.exemptOrganisations).toEqual(['KL', 'UDK', 'KOMBIT']);
    expect(governance.seniority).toEqual({ minShare: 1 / 3, minYears: 1 });
    expect(governance.meeting.lengthMinutes).toBe(240);
    expect(governance.deadlines).toEqual({
      agendaProposalsDays: 28,
      statusReportsDays: 28,
      detailedAgendaDays: 14,
      headsUpDaysBeforeDeadline: 7,
    });
    expect(governance.standardAgenda).toHaveLength(5);
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
    raw.bodies[0].kind = 'board';
    raw.bodies[0].colour = 'red';
    raw.hearing = { closingDays: 1.5, rule: 'unanimity', quorumShare: 2 };
    raw.standardAgenda[0].title.en = '';
    delete raw.standardAgenda[0].minutes;
    const error = errorOf(() => parseGovernance(raw, 'g.yaml'));
    expect(error.problems.sort()).toEqual(
      [
        'g.yaml: timeZone: expected an IANA time zone such as Europe/Copenhagen, got "Mars/Olympus"',
        'g.yaml: bodies[0].kind: expected one of steering, reference, working, secretariat, management, got "board"',
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

  it('refuses duplicate ids, a missing steering body and deadlines in the wrong order', () => {
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
        'g.yaml: bodies: expected exactly one body of kind steering, got a list',
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
