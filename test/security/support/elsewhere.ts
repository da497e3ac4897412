/**
 * The "other conversation" column of the authorisation matrix (issue 25.7): every command and card
 * verb, by each role that may use it in its own conversation, sent from a conversation where it
 * does not belong. Which roles are still accepted there, from the governance rules:
 *
 * - From the caller's personal chat with the bot (the other conversation of every verb whose own is
 *   a group's channel): only the caller sees the answer, so a right that does not come from the
 *   channel goes along — the secretariat's (global; the card's data names the group), and what
 *   the record grants a person (a working group's parent members, the proposer, a hearing's voter).
 *   Whatever acts on "this channel's group" has no group there and is refused, and so are the
 *   rights of a group's members that only the group's channel establishes.
 * - From another group's channel (the other conversation of the steering group's verbs, here the
 *   reference group's channel): its members see the answer, so nothing of the steering group's
 *   hearings is shown there (the list, a hearing's card); what shows nothing new is still
 *   accepted (a voter's vote: the hearing's list decides; the proposer's withdrawal, which the
 *   proposing group is told of anyway).
 */
import type { MatrixRole } from './secure-bot';

export type Elsewhere = 'personal' | 'reference';

export interface ElsewhereExpectation {
  /** The other conversation (default: personal chat; for rows in the steering channel, the reference channel). */
  from?: Elsewhere;
  /** The roles (of the row's allowed ones) still accepted from there; the rest must be refused. */
  allowed: readonly MatrixRole[];
  /** Cells where the code is known to disagree (test.failing, reported to the lead). */
  gap?: { roles: MatrixRole[]; note: string };
}

const SECRETARIAT: readonly MatrixRole[] = ['secretariat'];
const NOBODY: readonly MatrixRole[] = [];
const EVERYONE: readonly MatrixRole[] = [
  'secretariat',
  'chair',
  'member',
  'KL',
  'UDK',
  'KOMBIT',
  'non-member',
];
const GROUP_AND_SECRETARIAT: readonly MatrixRole[] = ['secretariat', 'chair', 'member'];

/** Keyed `${kind}:${id}` like the matrix rows; every row must have one (checked by the matrix). */
export const ELSEWHERE: Record<string, ElsewhereExpectation> = {
  // binding and status: about this channel
  'command:help': { allowed: EVERYONE },
  'command:bind': { allowed: NOBODY },
  'command:unbind': { allowed: NOBODY },
  'command:status': { allowed: NOBODY },
  // meetings and agenda: commands act on this channel's group; the secretariat's cards name it
  'command:meeting.schedule': { allowed: NOBODY },
  'command:meeting.scheduleYear': { allowed: NOBODY },
  'command:meeting.move': { allowed: NOBODY },
  'command:meeting.cancel': { allowed: NOBODY },
  'command:meeting.list': { allowed: NOBODY },
  'command:proposal.open': { allowed: NOBODY },
  'command:agenda.show': { allowed: NOBODY },
  'action:meeting.schedule': { allowed: SECRETARIAT },
  'action:meeting.scheduleYear': { allowed: SECRETARIAT },
  'action:meeting.move': { allowed: SECRETARIAT },
  'action:meeting.cancel': { allowed: SECRETARIAT },
  'action:meeting.cancel.confirm': { allowed: SECRETARIAT },
  'action:meeting.move.confirm': { allowed: SECRETARIAT },
  'action:meeting.keep': { allowed: SECRETARIAT },
  // A member proposes in their group's channel (the role comes from it); the secretariat anywhere.
  'action:proposal.submit': { allowed: SECRETARIAT },
  'action:proposal.triage': { allowed: SECRETARIAT },
  // working groups
  'command:propose-working-group': { allowed: NOBODY },
  'command:list-working-groups': { allowed: EVERYONE },
  'command:dissolve-working-group': { allowed: GROUP_AND_SECRETARIAT },
  'command:extend-working-group': { allowed: GROUP_AND_SECRETARIAT },
  // The form names the parent group; the service checks the proposer sits in it (the record's right).
  'action:workingGroup.propose': { allowed: ['chair', 'member'] },
  'action:workingGroup.dissolve': { allowed: GROUP_AND_SECRETARIAT },
  'action:workingGroup.extend': { allowed: GROUP_AND_SECRETARIAT },
  // the written hearing: its own conversation is the steering group's channel
  'command:hearings': { from: 'reference', allowed: NOBODY },
  'command:withdraw-hearing': { from: 'reference', allowed: ['member'] },
  'action:hearing.vote': { from: 'reference', allowed: ['chair', 'member'] },
  'action:hearing.refresh': { from: 'reference', allowed: NOBODY },
  'action:hearing.withdraw': { from: 'reference', allowed: ['member'] },
  // members, terms, GDPR: the secretariat's, and the register is one for all groups
  'command:members': { allowed: NOBODY },
  'command:expiring': { allowed: SECRETARIAT },
  'command:replacements': { allowed: SECRETARIAT },
  'command:composition': { allowed: NOBODY },
  'command:member-history': { allowed: NOBODY },
  // The appointment form is for this channel's group: there is none in a personal chat.
  'command:appoint': { allowed: NOBODY },
  'command:import-members': { allowed: SECRETARIAT },
  'command:person-data': { allowed: SECRETARIAT },
  'command:erase-person': { allowed: SECRETARIAT },
  'action:members.showAppoint': { allowed: SECRETARIAT },
  'action:members.showEnd': { allowed: SECRETARIAT },
  'action:members.showRole': { allowed: SECRETARIAT },
  'action:members.showImport': { allowed: SECRETARIAT },
  'action:members.appoint': { allowed: SECRETARIAT },
  'action:members.end': { allowed: SECRETARIAT },
  'action:members.changeRole': { allowed: SECRETARIAT },
  'action:members.reappoint': { allowed: SECRETARIAT },
  'action:members.import': { allowed: SECRETARIAT },
  'action:members.erase': { allowed: SECRETARIAT },
  // the municipality register: not tied to a group, so the secretariat may upload from anywhere
  'command:citizens': { allowed: SECRETARIAT },
  'action:municipalities.citizens': { allowed: SECRETARIAT },
  // portfolio and budget
  'command:initiative': { allowed: NOBODY },
  'command:status-report': { allowed: NOBODY },
  'command:portfolio': { allowed: EVERYONE },
  'command:economy': { allowed: EVERYONE },
  'command:commitment': { allowed: SECRETARIAT },
  'command:buffet-price': { allowed: SECRETARIAT },
  'action:portfolio.initiative.new': { allowed: NOBODY },
  'action:portfolio.initiative.edit': { allowed: NOBODY },
  'action:portfolio.initiative.save': { allowed: NOBODY },
  // The card names the group; the editors' role comes from its channel, the secretariat's goes along.
  'action:portfolio.report.open': { allowed: SECRETARIAT },
  'action:portfolio.report.submit': { allowed: SECRETARIAT },
  'action:portfolio.report.back': { allowed: EVERYONE },
  'action:budget.commit': { allowed: SECRETARIAT },
  'action:budget.setPrice': { allowed: SECRETARIAT },
  // the inspiration-talk swap: anyone may ask, the swap's own rules (presenter, asked member) decide
  'command:rotation.swap': { from: 'reference', allowed: EVERYONE },
  'action:rotation.swap.open': { allowed: EVERYONE },
  'action:rotation.swap.ask': { allowed: EVERYONE },
  'action:rotation.swap.answer': { allowed: EVERYONE },
  // material: the proposer's right comes from the record, the secretariat's is global
  'action:material.add': { allowed: ['secretariat', 'member'] },
  'action:material.attachFile': { allowed: ['secretariat', 'member'] },
  // the meeting record: `referat` shows this channel's group's record; the cards name the meeting,
  // and the rights come from the record (the secretariat, the register's members, the action's owner)
  'command:record.minutes': { allowed: NOBODY },
  'command:record.overdue': { allowed: SECRETARIAT },
  'action:record.overview': { allowed: EVERYONE },
  'action:record.item': { allowed: SECRETARIAT },
  'action:record.item.save': { allowed: SECRETARIAT },
  'action:record.draft': { allowed: SECRETARIAT },
  'action:record.minute-taker': { allowed: SECRETARIAT },
  'action:record.comment': { allowed: GROUP_AND_SECRETARIAT },
  'action:record.approve': { allowed: SECRETARIAT },
  'action:record.correct': { allowed: SECRETARIAT },
  'action:record.action.close': { allowed: ['secretariat', 'member'] },
  // the calendar feed is "this channel's group's": a personal chat has no group, so nobody
  'command:calendarFeed.show': { allowed: NOBODY },
  'command:calendarFeed.rotate': { allowed: NOBODY },
  // requests for input: filed from the steering group's channel by its members (the reference
  // group's channel gives them nothing there), by the secretariat anywhere; the answer's right is
  // the register's (the asked group's members), so it holds from a personal chat too
  'command:request.input': { allowed: SECRETARIAT },
  'action:request.submit': { allowed: SECRETARIAT },
  'action:request.answer': { allowed: ['chair', 'member'] },
  // the appointment form's person step names its group on the card; the secretariat's right is global
  'action:members.pickPerson': { allowed: SECRETARIAT },
  // the person pickers' `application/search` invoke (not a verb; test/security/people-search-authorisation.test.ts):
  // a roster holds names and e-mails, so only the secretariat, who appoints, searches, from anywhere
  'invoke:application/search': { allowed: SECRETARIAT },
  // a user's own language: theirs wherever they set it, personal chat included
  'command:language': { allowed: EVERYONE },
  // endorsements: drafted in "this channel's" reference group, so a personal chat has none; the
  // vote's right is the register's (the endorsement's group's members), so it holds from there too
  'command:endorsement.draft': { allowed: NOBODY },
  'action:endorsement.submit': { allowed: NOBODY },
  'action:endorsement.vote': { allowed: ['chair', 'member'] },
  // recruitment: the secretariat's right is global, so it holds from a personal chat too
  'command:recruitment': { allowed: SECRETARIAT },
  'action:recruitment.open': { allowed: SECRETARIAT },
  'action:recruitment.candidate': { allowed: SECRETARIAT },
  'action:recruitment.appoint': { allowed: SECRETARIAT },
  // working groups' course: the hand-in needs a working group's channel; the card answers say what
  // is wrong to anyone, and the parent's meeting decision is the secretariat's anywhere
  'command:hand-in-working-group-result': { allowed: NOBODY },
  'action:workingGroup.result': { allowed: EVERYONE },
  'action:workingGroup.extensionVote': { allowed: EVERYONE },
  'action:workingGroup.extensionMeeting': { allowed: SECRETARIAT },
};
