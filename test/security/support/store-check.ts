/** "The store remains valid": every document parses with its repository's schema. */
import type { DocumentDefinition } from '../../../src/platform/storage/repository';
import type { CollectionName, DocumentStore } from '../../../src/platform/storage/port';
import { personDocument, membershipDocument } from '../../../src/features/members/people-repository';
import { municipalityDocument } from '../../../src/features/municipalities/municipalities-repository';
import { hearingDocument, voteDocument } from '../../../src/features/hearings/hearings-repository';
import { tallyDocument } from '../../../src/features/hearings/hearing-tally';
import { groupDocument, groupBindingDocument } from '../../../src/features/binding/groups-repository';
import {
  statusReportDocument,
  portfolioOverviewDocument,
} from '../../../src/features/portfolio/status-reports-repository';
import { initiativeDocument } from '../../../src/features/portfolio/initiatives-repository';
import { meetingDocument, inspirationTalkDocument } from '../../../src/features/meetings/meetings-repository';
import { dueIndexBasisDocument } from '../../../src/features/meetings/meeting-due-repository';
import { budgetYearDocument } from '../../../src/features/budget/budget-repository';
import { proposalDocument } from '../../../src/features/agenda/proposals-repository';
import { presenterSwapDocument } from '../../../src/features/agenda';
import {
  followUpActionDocument,
  hearingOutcomeDocument,
  minutesDocument,
  minutesVersionDocument,
} from '../../../src/features/record/record-repository';
import { AuditRepository } from '../../../src/platform/audit/audit-repository';
import { calendarFeedDocument } from '../../../src/features/calendar-feed';
import { languagePreferenceDocument } from '../../../src/features/language';
import { inputRequestDocument } from '../../../src/features/requests';
import { endorsementDocument, endorsementVoteDocument } from '../../../src/features/endorsements';
import { recruitmentDocument } from '../../../src/features/recruitment';
import { governanceVersionDocument } from '../../../src/platform/governance/governance-versions';
import {
  extensionRequestDocument,
  extensionVoteDocument,
} from '../../../src/features/working-groups/working-group-extension-repository';
import { resultDocument } from '../../../src/features/working-groups/working-group-result-repository';

const DEFINITIONS = new Map<string, DocumentDefinition<object>>(
  [
    personDocument,
    membershipDocument,
    municipalityDocument,
    hearingDocument,
    voteDocument,
    tallyDocument,
    groupDocument,
    groupBindingDocument,
    statusReportDocument,
    portfolioOverviewDocument,
    initiativeDocument,
    meetingDocument,
    inspirationTalkDocument,
    dueIndexBasisDocument,
    budgetYearDocument,
    proposalDocument,
    presenterSwapDocument,
    minutesDocument,
    followUpActionDocument,
    minutesVersionDocument,
    hearingOutcomeDocument,
    calendarFeedDocument,
    inputRequestDocument,
    endorsementDocument,
    endorsementVoteDocument,
    recruitmentDocument,
    governanceVersionDocument,
    extensionRequestDocument,
    extensionVoteDocument,
    resultDocument,
    languagePreferenceDocument,
  ].map((definition) => [definition.type, definition as unknown as DocumentDefinition<object>]),
);

/** Types whose definitions are module-private; their repositories validate them on every write. */
const PRIVATE_TYPES = new Set([
  'person-membership',
  'channel-binding',
  'channel',
  'team',
  'audit-entry',
  'reminder-claim',
  'lease',
  // The scheduler's exactly-once ledger (src/platform/scheduler/ledger-repository.ts); a submitted proposal
  // now claims its triage-card key there.
  'jobs-ledger-entry',
  'jobs-lease',
  'working-group-charter',
  'working-group-ranking',
  // A person's remembered 1:1 chat with the bot (src/platform/teams/proactive/personal-conversations.ts).
  'personal-conversation',
]);

/** Problems found (empty = every document is readable by its repository). */
export async function unreadableDocuments(store: DocumentStore): Promise<string[]> {
  const problems: string[] = [];
  for (const name of ['groups', 'directory', 'schedule', 'audit'] as CollectionName[]) {
    for await (const doc of store.collection(name).scan({})) {
      const definition = DEFINITIONS.get(doc.type);
      if (definition) {
        try {
          definition.fromDocument(doc);
        } catch (error) {
          problems.push(`${name}/${doc.pk}/${doc.id} (${doc.type}): ${String(error)}`);
        }
      } else if (!PRIVATE_TYPES.has(doc.type)) {
        problems.push(`${name}/${doc.pk}/${doc.id}: unknown document type "${doc.type}"`);
      }
    }
  }
  // The audit log is read back through its own export (it has no exported definition).
  try {
    await new AuditRepository(store).export('2026-01', '2028-12');
  } catch (error) {
    problems.push(`audit export: ${String(error)}`);
  }
  return problems;
}
