/**
 * Adding material (bilag) to a proposal or accepted agenda item after it was submitted: links from
 * the agenda card's "add material" and files sent to the bot in personal chat (their reference and
 * metadata; the bytes stay in the sender's OneDrive/SharePoint).
 *
 * - Who: the proposer, or the secretariat (checked here, so every entry point is covered).
 * - When: while the proposal is proposed or accepted and its meeting is scheduled and not started.
 * - Bad input (a non-https or malformed link, a file type the governance file does not allow, more
 *   than its maximum) is refused with the reason and nothing is stored.
 * - Concurrency: the read-modify-write retries on a changed ETag, so two people adding material to
 *   the same item at once both count; the same URL twice (a re-sent card) counts once.
 */
import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import type { AuditLog } from '../../domain/ports';
import { instantMillis } from '../../domain/time';
import type { MeetingRecord, MeetingRepository } from '../meetings';
import {
  addMaterial,
  allowedFileTypes,
  checkTeamsFile,
  materialOf,
  parseMaterialLines,
  type MaterialEntry,
  type MaterialError,
  type TeamsFileReference,
} from './domain/material';
import type { ProposalRecord, ProposalRepository } from './proposals-repository';

export interface MaterialActor {
  id: string;
  isSecretariat: boolean;
}

export type MaterialResult =
  | { kind: 'not-found' }
  | { kind: 'not-allowed' }
  | { kind: 'closed' }
  | { kind: 'invalid'; errors: MaterialError[] }
  | { kind: 'added'; proposal: ProposalRecord; added: number };

/** A proposal the person may still add material to, with its meeting. */
export interface OpenProposal {
  proposal: ProposalRecord;
  meeting: MeetingRecord;
}

const OPEN_STATUSES: readonly ProposalRecord['status'][] = ['proposed', 'accepted'];

export class MaterialService {
  constructor(
    private readonly proposals: ProposalRepository,
    private readonly meetings: MeetingRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly governance: Governance,
  ) {}

  /** The allowed file types, as the governance file names them (for the messages). */
  allowedTypes(): string[] {
    return allowedFileTypes(this.governance);
  }

  /** Links typed on a card, one a line ("title | url" or the URL alone). */
  async addLinks(input: {
    groupId: string;
    proposalId: string;
    text: string;
    actor: MaterialActor;
  }): Promise<MaterialResult> {
    const parsed = parseMaterialLines(input.text, this.allowedTypes());
    if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
    if (parsed.links.length === 0)
      return { kind: 'invalid', errors: [{ code: 'malformed', params: { line: 1 } }] };
    const at = this.clock.now().toISOString();
    const entries = parsed.links.map((link): MaterialEntry => ({
      ...link,
      source: 'link',
      addedBy: input.actor.id,
      addedAt: at,
    }));
    return this.add(input, entries);
  }

  /** A file sent in personal chat, once its sender said which proposal it belongs to. */
  async addTeamsFile(input: {
    groupId: string;
    proposalId: string;
    file: TeamsFileReference;
    actor: MaterialActor;
  }): Promise<MaterialResult> {
    const check = checkTeamsFile(input.file, this.allowedTypes());
    if (!check.ok)
      return {
        kind: 'invalid',
        errors: [{ code: check.code, params: { allowed: this.allowedTypes().join(', ') } }],
      };
    const entry: MaterialEntry = {
      title: input.file.name,
      kind: check.kind,
      url: input.file.contentUrl,
      source: 'teams-file',
      file: input.file,
      addedBy: input.actor.id,
      addedAt: this.clock.now().toISOString(),
    };
    return this.add(input, [entry]);
  }

  /**
   * The person's own proposals still open for material, in the given groups (their memberships'),
   * for meetings not yet started.
   */
  async openProposalsOf(personId: string, groupIds: readonly string[]): Promise<OpenProposal[]> {
    const open: OpenProposal[] = [];
    for (const groupId of new Set(groupIds)) {
      for (const meeting of await this.meetings.upcoming(groupId, this.clock.now())) {
        for (const proposal of await this.proposals.forMeeting(groupId, meeting.id))
          if (proposal.proposerId === personId && OPEN_STATUSES.includes(proposal.status))
            open.push({ proposal, meeting });
      }
    }
    return open;
  }

  private async add(
    input: { groupId: string; proposalId: string; actor: MaterialActor },
    entries: MaterialEntry[],
  ): Promise<MaterialResult> {
    const current = await this.proposals.get(input.groupId, input.proposalId);
    if (!current) return { kind: 'not-found' };
    if (!input.actor.isSecretariat && current.proposerId !== input.actor.id) return { kind: 'not-allowed' };
    if (!(await this.isOpen(current))) return { kind: 'closed' };
    const max = this.governance.material.maxItemsPerProposal;
    // The mutator may run again on a changed ETag: its outcome is whatever its last run found.
    let refusal: MaterialError | undefined;
    let added = 0;
    const proposal = await this.proposals.update(current.groupId, current.id, (latest) => {
      const result = addMaterial(materialOf(latest), entries, max);
      refusal = result.ok ? undefined : result.error;
      added = result.ok ? result.added : 0;
      return result.ok && result.added > 0 ? { ...latest, material: result.material } : undefined;
    });
    if (refusal) return { kind: 'invalid', errors: [refusal] };
    if (added > 0)
      await this.audit.append({
        at: entries[0]!.addedAt,
        actorId: input.actor.id,
        action: 'proposal.material.add',
        subject: `proposal:${proposal.groupId}:${proposal.id}`,
        details: { added, source: entries[0]!.source },
      });
    return { kind: 'added', proposal, added };
  }

  private async isOpen(proposal: ProposalRecord): Promise<boolean> {
    if (!OPEN_STATUSES.includes(proposal.status)) return false;
    const meeting = await this.meetings.get(proposal.groupId, proposal.meetingId);
    return (
      meeting !== undefined &&
      meeting.status === 'scheduled' &&
      instantMillis(meeting.startsAt) > this.clock.now().getTime()
    );
  }
}
