/**
 * What the status reports hold about a person, for the GDPR export and erasure: the reports they
 * submitted, with the display name kept at submission. Erasure puts the pseudonym in its place;
 * the report itself is the reference group's, not the person's, so its text stays (a name written
 * in it is replaced by the store-wide name sweep). A cross-partition scan: erasure is rare.
 */
import type { DocumentStore } from '../../platform/storage/port';
import { typedCollection, withoutEtag } from '../../platform/storage/repository';
import type { PersonDataHolder } from '../gdpr';
import { statusReportDocument, type StatusReport } from './status-reports-repository';

export function statusReportsPersonData(store: DocumentStore): PersonDataHolder {
  const reports = typedCollection(store, statusReportDocument);
  const submittedBy = async (personId: string) => {
    const found: StatusReport[] = [];
    for await (const r of reports.scan({ where: { submittedBy: personId } })) found.push(withoutEtag(r));
    return found;
  };
  return {
    section: 'statusReports',
    exportOf: submittedBy,
    namesOf: async (personId) =>
      (await submittedBy(personId)).flatMap((r) => (r.submittedByName ? [r.submittedByName] : [])),
    async erase({ personId, pseudonym }) {
      for (const report of await submittedBy(personId)) {
        if (report.submittedByName === undefined || report.submittedByName === pseudonym) continue;
        const id = `status-report:${report.meetingId}:${report.initiativeId}`;
        await reports.update(report.groupId, id, (current) =>
          current.submittedByName === pseudonym ? undefined : { ...current, submittedByName: pseudonym },
        );
      }
    },
  };
}
