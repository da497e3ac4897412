/**
 * The governance rule set as configuration: everything the governance deck leaves open (or that
 * the body's secretariat may change) is data validated by this schema, never a constant in the rules.
 * The FKI default lives in config/fki-governance.yaml; src/platform/governance/governance-loader.ts reads it.
 *
 * Error messages are written as "expected ..." on purpose: the loader appends ", got <value>" and
 * prefixes the field path, e.g. `bodies[1].term.maxYears: expected a positive integer, got -3`.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { agendaSettingsIssues, resolveAgenda, type ResolvedAgenda } from './agenda-settings';
import { languageCode, localizedTextSchema, missingDefaultLanguageIssues } from './localized-text';
import { bodyRoleIssues, bodyRolesSchema, resolveBodyRoles } from './body-roles';
import { currentBodyKind } from './legacy-names';
import type { BodyKind, Locale } from './model';
import { DEFAULT_CADENCE, meetingCadenceSchema, type MeetingCadence } from './meeting-cadence';
import { MUNICIPALITY, organisationId, organisationIssues, organisationSchema } from './organisations';
import { governanceOrganisations } from './organisations';

export { MUNICIPALITY, governanceOrganisations, isExemptOrganisation } from './organisations';
export { organisationById, organisationName, type GovernanceOrganisation } from './organisations';
export { localizedTextSchema, localText, type LocalizedText } from './localized-text';
export { administeringBodyId, decidingBody, governanceRoles, type BodyRoles } from './body-roles';

const positiveInt = z
  .number({ error: 'expected a positive integer' })
  .int({ error: 'expected a positive integer' })
  .positive({ error: 'expected a positive integer' })
  .refine(Number.isSafeInteger, { error: 'expected a positive integer' });

const nonNegativeInt = z
  .number({ error: 'expected a non-negative integer' })
  .int({ error: 'expected a non-negative integer' })
  .min(0, { error: 'expected a non-negative integer' })
  .refine(Number.isSafeInteger, { error: 'expected a non-negative integer' });

/** Ids end up in storage keys and ledger keys (`kind:groupId:...`), so no colons or spaces. */
const slug = z
  .string({ error: 'expected an id of lower-case letters, digits and dashes' })
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected an id of lower-case letters, digits and dashes' });

/** A share in (0, 1]: a number, or a fraction text such as "1/3" (YAML cannot write 1/3 exactly). */
const share = z
  .union([z.number(), z.string().regex(/^\s*\d+\s*\/\s*\d+\s*$/)], {
    error: 'expected a share between 0 (exclusive) and 1, as a number or a fraction like "1/3"',
  })
  .transform((value) => {
    if (typeof value === 'number') return value;
    const [numerator, denominator] = value.split('/').map((part) => Number(part.trim())) as [number, number];
    return denominator === 0 ? Number.NaN : numerator / denominator;
  })
  .refine((value) => Number.isFinite(value) && value > 0 && value <= 1, {
    error: 'expected a share between 0 (exclusive) and 1, as a number or a fraction like "1/3"',
  });

export const BODY_KINDS = ['board', 'reference', 'working', 'administration', 'management'] as const;
/**
 * Seats per organisation: `municipal` for the municipal members, `organisations` by the id of a
 * listed organisation (checked against the list in the governance schema's refinement).
 */
export const memberProfileSchema = z.strictObject({
  municipal: nonNegativeInt,
  organisations: z
    .record(z.string(), nonNegativeInt, { error: 'expected seats by organisation id' })
    .default({}),
});
export type MemberProfile = z.infer<typeof memberProfileSchema>;

/** Municipal members serve at most maxYears at a time, then stay away pauseYears before re-appointment. */
export const termRuleSchema = z.strictObject({ maxYears: positiveInt, pauseYears: nonNegativeInt });
export type TermRule = z.infer<typeof termRuleSchema>;

const agendaItemKind = z.enum(['orientation', 'discussion', 'decision'], {
  error: 'expected one of orientation, discussion, decision',
});

/**
 * One standard agenda item. `role` marks the items the agenda composer treats specially:
 * 'inspiration' gets the rotating presenter; 'proposals' is where accepted proposals follow
 * (and the quarter's annual-wheel items go just before it).
 */
export const standardItemSchema = z.strictObject({
  id: slug,
  title: localizedTextSchema,
  minutes: positiveInt,
  kind: agendaItemKind.default('orientation'),
  role: z.enum(['inspiration', 'proposals'], { error: 'expected one of inspiration, proposals' }).optional(),
});
export type StandardAgendaItem = z.infer<typeof standardItemSchema>;

export const wheelItemSchema = z.strictObject({
  id: slug,
  title: localizedTextSchema,
  minutes: positiveInt,
  kind: agendaItemKind.default('discussion'),
});
export type AnnualWheelItem = z.infer<typeof wheelItemSchema>;

export { QUARTERS, type Quarter } from './agenda-settings';

const wheelSchema = z.strictObject({
  Q1: z.array(wheelItemSchema).default([]),
  Q2: z.array(wheelItemSchema).default([]),
  Q3: z.array(wheelItemSchema).default([]),
  Q4: z.array(wheelItemSchema).default([]),
});

/** Days before a meeting (calendar days in local time). */
const deadlineOffsets = {
  agendaProposalsDays: positiveInt,
  statusReportsDays: positiveInt,
  detailedAgendaDays: positiveInt,
  /** The heads-up reminder comes this many days before the proposal / status-report deadline. */
  headsUpDaysBeforeDeadline: positiveInt,
};

/**
 * A body's own agenda settings (on its entry in `bodies`, or for every body of a kind in
 * `bodyKinds`); what it leaves out comes from `bodyKinds`, then the top level (agenda-settings.ts).
 */
const agendaOverrides = {
  standardAgenda: z.array(standardItemSchema, { error: 'expected a list of agenda items' }).optional(),
  annualWheel: wheelSchema.optional(),
  /** false: no inspiration talk (the item with role inspiration is left out). */
  inspirationTalk: z.boolean({ error: 'expected true or false' }).optional(),
  deadlines: z.strictObject(deadlineOffsets).partial().optional(),
};

/** Any language code here; the loader refuses one without a catalogue (src/platform/i18n). */
const language = languageCode;

export const bodySchema = z.strictObject({
  id: slug,
  // A file from the first version says steering/secretariat (legacy-names.json).
  kind: z.preprocess(
    currentBodyKind,
    z.enum(BODY_KINDS, { error: `expected one of ${BODY_KINDS.join(', ')}` }),
  ),
  name: localizedTextSchema,
  /** The language of what the bot posts in the body's channel; absent: the top-level `language`. */
  language: language.optional(),
  /** Absent for bodies without seats (the secretariat and the management are staff, not seats). */
  members: memberProfileSchema.optional(),
  /** Absent when no term limit applies. */
  term: termRuleSchema.optional(),
  /**
   * A reference group's rule for endorsing a proposal to the steering group (issue 22.2); absent:
   * a majority of those who answer within 5 days.
   */
  endorsement: z.strictObject({ kind: z.literal('majority-of-answers'), days: positiveInt }).optional(),
  /** The wanted profile a recruitment for the body's seats is assessed against (issue 22.4). */
  recruitment: z.strictObject({ profile: localizedTextSchema }).optional(),
  /** The body's own meeting cadence; absent: the top-level `meeting.cadence`. */
  meeting: z.strictObject({ cadence: meetingCadenceSchema }).optional(),
  ...agendaOverrides,
});
export type GovernanceBody = z.infer<typeof bodySchema>;

const kindOverrides = z.strictObject(agendaOverrides).optional();
const bodyKindsSchema = z.preprocess(
  (value) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).map(([kind, own]) => [currentBodyKind(kind), own]))
      : value,
  z.strictObject({
    board: kindOverrides,
    reference: kindOverrides,
    working: kindOverrides,
    administration: kindOverrides,
    management: kindOverrides,
  }),
);

export const HEARING_RULES = ['majority-with-quorum', 'silence-is-consent'] as const;
export type HearingRuleKind = (typeof HEARING_RULES)[number];

/** The file types agenda material may have when the governance file names none. */
export const DEFAULT_MATERIAL_FILE_TYPES = ['pdf', 'docx', 'xlsx', 'pptx', 'txt', 'png', 'jpg'] as const;

export const governanceSchema = z
  .strictObject({
    timeZone: z
      .string({ error: 'expected an IANA time zone such as Europe/Copenhagen' })
      .refine((zone) => IANAZone.isValidZone(zone), {
        error: 'expected an IANA time zone such as Europe/Copenhagen',
      })
      .default('Europe/Copenhagen'),
    /**
     * The bodies' language (a body may set its own): shared cards and channel posts are in it; a
     * reply in personal chat is in the user's own (issue 26.5, src/platform/i18n languageFor).
     */
    language: language.default('da'),
    bodies: z
      .array(bodySchema, { error: 'expected a list of bodies' })
      .min(1, { error: 'expected at least one body' }),
    /** Which body decides, administers, triages, holds hearings … (body-roles.ts); absent: by kind. */
    roles: bodyRolesSchema.optional(),
    /**
     * The organisations besides the municipalities (issue 23.1). Absent (a file from before the
     * list): the ids named in `exemptOrganisations` and the bodies' seats, each named by its id.
     */
    organisations: z.array(organisationSchema, { error: 'expected a list of organisations' }).optional(),
    /**
     * The older way to say `exemptFromTerms`, still read: the ids listed here are exempt too. A
     * file without `organisations` and without this key keeps the old default, all exempt.
     */
    exemptOrganisations: z.array(organisationId).optional(),
    seniority: z
      .strictObject({ minShare: share, minYears: positiveInt })
      .default({ minShare: 1 / 3, minYears: 1 }),
    /** Meeting length and when the meetings fall in a year (a body may set its own `meeting`). */
    meeting: z
      .strictObject({
        lengthMinutes: positiveInt.default(240),
        cadence: meetingCadenceSchema.default(DEFAULT_CADENCE),
      })
      .default({ lengthMinutes: 240, cadence: DEFAULT_CADENCE }),
    /** The default deadline offsets (a body may set its own). */
    deadlines: z.strictObject(deadlineOffsets).default({
      agendaProposalsDays: 28,
      statusReportsDays: 28,
      detailedAgendaDays: 14,
      headsUpDaysBeforeDeadline: 7,
    }),
    /** The default standard agenda and annual wheel (a body may set its own). */
    standardAgenda: z.array(standardItemSchema, { error: 'expected a list of agenda items' }),
    annualWheel: wheelSchema,
    /** Agenda settings for every body of a kind (and the working groups, which the file does not list). */
    bodyKinds: bodyKindsSchema.optional(),
    /**
     * Budget years: `buffetPricePerCitizenKr` seeds the price of a year that has none of its own in
     * `prices` (keyed by year); from a year's first use its price lives in the store's history.
     * Commitments are open for the current year and `openYearsAhead` years after it.
     */
    budget: z
      .strictObject({
        buffetPricePerCitizenKr: nonNegativeInt,
        prices: z
          .record(
            z.string().regex(/^(20\d\d|21\d\d|2200)$/, { error: 'expected a budget year from 2000 to 2200' }),
            nonNegativeInt,
            { error: 'expected prices by budget year (2000 to 2200), such as { 2027: 6 }' },
          )
          .default({}),
        openYearsAhead: nonNegativeInt.max(10, { error: 'expected at most 10 years' }).default(1),
      })
      .default({ buffetPricePerCitizenKr: 5, prices: {}, openYearsAhead: 1 }),
    /**
     * majority-with-quorum: approved when approve > reject among votes cast and turnout >= quorumShare
     *   (a tie is rejected; too few voters is no-quorum).
     * silence-is-consent: eligible voters who did not vote count as approving; approved unless
     *   reject > approve + silent. Never no-quorum.
     */
    hearing: z
      .strictObject({
        closingDays: positiveInt,
        rule: z.enum(HEARING_RULES, { error: `expected one of ${HEARING_RULES.join(', ')}` }),
        quorumShare: share,
      })
      .default({ closingDays: 14, rule: 'majority-with-quorum', quorumShare: 0.5 }),
    reminders: z
      .strictObject({ termEndingWarningDays: positiveInt, workingGroupEndWarningDays: positiveInt })
      .default({ termEndingWarningDays: 90, workingGroupEndWarningDays: 30 }),
    /**
     * The meeting record: members comment on the posted draft minutes for `commentDays` days; the
     * owner of a follow-up action is reminded `actionReminderDays` days before its due date.
     */
    record: z
      .strictObject({
        commentDays: positiveInt.default(7),
        actionReminderDays: positiveInt.default(3),
      })
      .default({ commentDays: 7, actionReminderDays: 3 }),
    /**
     * Material (bilag) of agenda items: the file types allowed (extensions without the dot; a link
     * to a web page is always allowed) and the most entries one proposal may carry.
     */
    material: z
      .strictObject({
        allowedFileTypes: z
          .array(
            z
              .string({ error: 'expected a file type such as pdf' })
              .regex(/^\.?[A-Za-z0-9]{1,8}$/, { error: 'expected a file type such as pdf' })
              .transform((type) => type.toLowerCase().replace(/^\./, '')),
          )
          .min(1, { error: 'expected at least one file type' })
          .default([...DEFAULT_MATERIAL_FILE_TYPES]),
        maxItemsPerProposal: positiveInt.default(10),
      })
      .default({ allowedFileTypes: [...DEFAULT_MATERIAL_FILE_TYPES], maxItemsPerProposal: 10 }),
    /**
     * Recruitment of members (issue 22.4): candidates not chosen are erased `retentionDays` after
     * the appointment; the seats offered are those vacant or ending within `seatWindowDays`.
     */
    recruitment: z
      .strictObject({ retentionDays: positiveInt.default(180), seatWindowDays: positiveInt.default(365) })
      .default({ retentionDays: 180, seatWindowDays: 365 }),
    scheduler: z
      .strictObject({
        scanCron: z
          .string({ error: 'expected a cron expression such as "*/5 * * * *"' })
          .regex(/^\S+(\s+\S+){4,5}$/, { error: 'expected a cron expression such as "*/5 * * * *"' }),
      })
      .default({ scanCron: '*/5 * * * *' }),
  })
  .superRefine((governance, ctx) => {
    const seen = new Map<string, number>();
    governance.bodies.forEach((body, index) => {
      const first = seen.get(body.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['bodies', index, 'id'],
          message: `expected a unique body id (already used by bodies[${first}])`,
          input: body.id,
        });
      } else seen.set(body.id, index);
    });
    for (const kind of ['board', 'administration'] as const) {
      if (governance.bodies.filter((body) => body.kind === kind).length > 1 && !governance.roles)
        ctx.addIssue({
          code: 'custom',
          path: ['roles'],
          message: `expected roles naming the bodies (several bodies of kind ${kind})`,
        });
    }
    for (const issue of bodyRoleIssues(
      resolveBodyRoles(governance.roles ?? {}, governance.bodies),
      governance.bodies,
    ))
      ctx.addIssue({ code: 'custom', ...issue });
    for (const issue of organisationIssues(governance)) ctx.addIssue({ code: 'custom', ...issue });
    // Each body's agenda settings (ids, roles, inspiration talk, deadlines), named by field path.
    for (const issue of agendaSettingsIssues(governance)) ctx.addIssue({ code: 'custom', ...issue });
    for (const issue of missingDefaultLanguageIssues(governance)) ctx.addIssue({ code: 'custom', ...issue });
  });

/** The validated governance (defaults applied). */
export type Governance = z.output<typeof governanceSchema>;
/** What a config file may contain (defaults not yet applied). */
export type GovernanceInput = z.input<typeof governanceSchema>;

/** When a body meets: its own cadence, else the file's. */
export function bodyCadence(governance: Governance, groupId: string): MeetingCadence {
  return bodyById(governance, groupId)?.meeting?.cadence ?? governance.meeting.cadence;
}

export function bodyById(governance: Governance, id: string): GovernanceBody | undefined {
  return governance.bodies.find((body) => body.id === id);
}

/** A body's agenda settings: its own, else its kind's, else the top level (agenda-settings.ts). */
export type BodyAgenda = ResolvedAgenda<StandardAgendaItem, AnnualWheelItem>;

/**
 * The standard agenda, annual wheel, inspiration talk and deadline offsets of a group's meetings.
 * A group the file does not list (a working group) uses `kind` (default 'working'); without a
 * group, the top-level default.
 */
export function bodyAgenda(governance: Governance, groupId?: string, kind?: BodyKind): BodyAgenda {
  return resolveAgenda(governance, groupId, kind);
}

/** The language of a group's channel: the body's own, else the top level (a working group: the top level). */
export function bodyLanguage(governance: Pick<Governance, 'bodies' | 'language'>, groupId?: string): Locale {
  const body = groupId === undefined ? undefined : governance.bodies.find((b) => b.id === groupId);
  return body?.language ?? governance.language;
}

/** Whether any body speaks another language than the top level (else a channel's language needs no read). */
export function bodiesShareLanguage(governance: Pick<Governance, 'bodies' | 'language'>): boolean {
  return governance.bodies.every((body) => (body.language ?? governance.language) === governance.language);
}

/**
 * The organisation ids a member may belong to: 'municipality' (municipal members, with their
 * municipality) and the governance's listed organisations. Stored data naming any other is a contradiction.
 */
export function organisationIds(governance: Governance): string[] {
  return [MUNICIPALITY, ...governanceOrganisations(governance).map((organisation) => organisation.id)];
}
