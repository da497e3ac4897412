/**
 * Cards of the recruitment: the seat card (the body's wanted profile and the seats to recruit
 * for) and the recruitment card: the profile, the body's K98 spread and seniority today, each
 * candidate with their assessment and the body "with this candidate", an appoint button per
 * candidate and the registration form (every bad field under its input). A closed recruitment
 * shows who was appointed and when the others' data is erased.
 */
import type { Locale } from '../../domain/model';
import type { MessageKey, Translate } from '../../platform/i18n';
import { formatDate } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import {
  adaptiveCard,
  choiceSetInput,
  errorBanner,
  executeAction,
  paragraph,
  textInput,
  title,
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';
import {
  CANDIDATE_LIMITS,
  type Candidate,
  type CandidateError,
  type CandidateField,
  type CandidateFields,
  type Recruitment,
  type RecruitmentComposition,
  type RecruitmentSeat,
} from './domain/recruitment';
import type { RecruitmentView, SeatOption } from './recruitment-service';

export const RECRUITMENT_VERBS = {
  open: 'recruitment.open',
  register: 'recruitment.candidate',
  appoint: 'recruitment.appoint',
} as const;

function subheading(text: string): CardElement {
  return paragraph(text, { weight: 'Bolder', spacing: 'Medium' });
}

export function seatText(
  t: Translate,
  locale: Locale,
  seat: RecruitmentSeat,
  leavingName: string | undefined,
): string {
  const date = formatDate(seat.replaceBy, locale);
  const name = markdownText(leavingName ?? t('recruitment.someone'));
  if (seat.kind === 'unfilled') return t('recruitment.seat_unfilled', { date });
  return t(seat.kind === 'ending' ? 'recruitment.seat_ending' : 'recruitment.seat_vacant', { name, date });
}

export function seatCard(
  t: Translate,
  input: {
    locale: Locale;
    groupId: string;
    groupName: string;
    profile: string;
    seats: SeatOption[];
    cardInstanceId: string;
  },
): AdaptiveCard {
  return adaptiveCard(
    [
      title(t('recruitment.seatCardTitle', { group: markdownText(input.groupName) })),
      subheading(t('recruitment.profileHeading')),
      paragraph(markdownText(input.profile)),
      ...choiceSetInput({
        id: 'seat',
        label: t('recruitment.fieldSeat'),
        choices: input.seats.map((option) => ({
          title: seatText(t, input.locale, option.seat, option.leavingName),
          value: option.key,
        })),
        value: input.seats[0]?.key,
        required: true,
        requiredMessage: t('recruitment.err_required'),
      }),
    ],
    [
      executeAction(t('recruitment.openButton'), RECRUITMENT_VERBS.open, {
        groupId: input.groupId,
        cardInstanceId: input.cardInstanceId,
      }),
    ],
  );
}

export function spreadText(t: Translate, composition: RecruitmentComposition): string {
  const parts = composition.spread.groups.map((group) => `${markdownText(group.k98Group)} ${group.count}`);
  if (composition.spread.unclassifiedPersonIds.length > 0)
    parts.push(`${t('recruitment.unclassified')} ${composition.spread.unclassifiedPersonIds.length}`);
  return parts.length === 0 ? t('recruitment.spreadNone') : parts.join(', ');
}

function seniorityParams(composition: RecruitmentComposition) {
  return {
    senior: composition.seniorCount,
    members: composition.memberCount,
    required: composition.requiredSenior,
  };
}

export interface RecruitmentCardInput {
  locale: Locale;
  recruitment: Recruitment;
  groupName: string;
  profile?: string;
  leavingName?: string;
  view: RecruitmentView;
  municipalities: Array<{ code: string; name: string }>;
  values?: Partial<CandidateFields>;
  errors?: CandidateError[];
  /** A refusal or notice shown above the card (an appointment the rules refused). */
  notice?: string;
  /** What the last step did (an appointment made), shown above the card. */
  done?: string;
}

const FIELD_LABELS: Record<CandidateField, MessageKey> = {
  name: 'recruitment.fieldName',
  email: 'recruitment.fieldEmail',
  municipalityCode: 'recruitment.fieldMunicipality',
  competences: 'recruitment.fieldCompetences',
  assessment: 'recruitment.fieldAssessment',
};

function errorText(t: Translate, error: CandidateError): string {
  return t(`recruitment.err_${error.code}` as MessageKey, error.params);
}

function candidateStatus(t: Translate, locale: Locale, recruitment: Recruitment, candidate: Candidate) {
  if (candidate.status === 'appointed')
    return t('recruitment.status_appointed', {
      date: formatDate(recruitment.closed?.termStart ?? '', locale),
    });
  if (candidate.status !== 'not-chosen') return undefined;
  if (candidate.erasedAt) return t('recruitment.status_erased');
  return t('recruitment.status_notChosen', { date: formatDate(candidate.eraseOn ?? '', locale) });
}

/** Who the candidate is, their competences and the assessment (none once erased). */
function candidateDetails(t: Translate, input: RecruitmentCardInput, entry: ViewEntry): CardElement[] {
  const { candidate } = entry;
  if (!candidate.name) return [];
  const municipality =
    input.municipalities.find((m) => m.code === candidate.municipalityCode)?.name ??
    candidate.municipalityCode ??
    '';
  const elements: CardElement[] = [
    paragraph(
      t('recruitment.candidateLine', {
        name: markdownText(candidate.name),
        municipality: markdownText(municipality),
        k98: markdownText(entry.k98Group ?? t('recruitment.unclassified')),
      }),
      { spacing: 'Medium' },
    ),
  ];
  if (candidate.competences)
    elements.push(
      paragraph(t('recruitment.candidateCompetences', { text: markdownText(candidate.competences) })),
    );
  if (candidate.assessment)
    elements.push(
      paragraph(t('recruitment.candidateAssessment', { text: markdownText(candidate.assessment) })),
    );
  return elements;
}

type ViewEntry = RecruitmentView['candidates'][number];

function candidateElements(t: Translate, input: RecruitmentCardInput, entry: ViewEntry): CardElement[] {
  const { candidate, withCandidate } = entry;
  const open = input.recruitment.status === 'open';
  const elements = candidateDetails(t, input, entry);
  if (withCandidate && open)
    elements.push(
      paragraph(
        t('recruitment.withCandidate', {
          spread: spreadText(t, withCandidate),
          ...seniorityParams(withCandidate),
        }),
        { isSubtle: true },
      ),
    );
  const status = candidateStatus(t, input.locale, input.recruitment, candidate);
  if (status) elements.push(paragraph(status, { isSubtle: true }));
  if (open && candidate.name)
    elements.push({
      type: 'ActionSet',
      actions: [
        {
          // The registration form's required inputs are not this button's: Teams must not hold it back.
          ...executeAction(
            t('recruitment.appointButton', { name: markdownText(candidate.name) }),
            RECRUITMENT_VERBS.appoint,
            {
              groupId: input.recruitment.groupId,
              recruitmentId: input.recruitment.id,
              candidateId: candidate.id,
            },
          ),
          associatedInputs: 'none',
        },
      ],
    });
  return elements;
}

function formElements(t: Translate, input: RecruitmentCardInput): CardElement[] {
  const values = input.values ?? {};
  const errorOf = (field: CandidateField) => {
    const error = input.errors?.find((candidate) => candidate.field === field);
    return error ? errorText(t, error) : undefined;
  };
  const required = { required: true, requiredMessage: t('recruitment.err_required') };
  const text = (field: Exclude<CandidateField, 'municipalityCode'>, maxLength: number, multiline = false) =>
    textInput({
      id: field,
      label: t(FIELD_LABELS[field]),
      value: values[field],
      maxLength,
      multiline,
      ...required,
      error: errorOf(field),
    });
  return [
    subheading(t('recruitment.formHeading')),
    ...text('name', CANDIDATE_LIMITS.nameMaxChars),
    ...text('email', 254),
    ...choiceSetInput({
      id: 'municipalityCode',
      label: t(FIELD_LABELS.municipalityCode),
      choices: input.municipalities.map((m) => ({ title: m.name, value: m.code })),
      value: values.municipalityCode,
      ...required,
      error: errorOf('municipalityCode'),
    }),
    ...text('competences', CANDIDATE_LIMITS.competencesMaxChars, true),
    ...text('assessment', CANDIDATE_LIMITS.assessmentMaxChars, true),
  ];
}

export function recruitmentCard(t: Translate, input: RecruitmentCardInput): AdaptiveCard {
  const { recruitment, view } = input;
  const body: CardElement[] = [
    title(t('recruitment.cardTitle', { group: markdownText(input.groupName) })),
    paragraph(
      t('recruitment.seatLine', { seat: seatText(t, input.locale, recruitment.seat, input.leavingName) }),
    ),
  ];
  if (input.notice) body.push(errorBanner([input.notice]));
  if (input.done) body.push(paragraph(input.done, { weight: 'Bolder', color: 'Good' }));
  if (input.errors && input.errors.length > 0)
    body.push(
      errorBanner(input.errors.map((error) => `${t(FIELD_LABELS[error.field])}: ${errorText(t, error)}`)),
    );
  if (input.profile)
    body.push(subheading(t('recruitment.profileHeading')), paragraph(markdownText(input.profile)));
  body.push(
    subheading(t('recruitment.todayHeading')),
    paragraph(t('recruitment.spreadLine', { spread: spreadText(t, view.today) })),
    paragraph(t('recruitment.seniorityLine', seniorityParams(view.today))),
    subheading(t('recruitment.candidatesHeading')),
  );
  if (view.candidates.length === 0) body.push(paragraph(t('recruitment.noCandidates')));
  for (const entry of view.candidates) body.push(...candidateElements(t, input, entry));
  if (recruitment.status !== 'open') return adaptiveCard(body);
  body.push(...formElements(t, input));
  return adaptiveCard(body, [
    executeAction(t('recruitment.registerButton'), RECRUITMENT_VERBS.register, {
      groupId: recruitment.groupId,
      recruitmentId: recruitment.id,
    }),
  ]);
}
