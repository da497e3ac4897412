import type { Catalogue } from './da';

/** The English catalogue. Typed as Catalogue: a key missing here is a compile error. */
export const en: Catalogue = {
  core: {
    unknownError: 'Something went wrong. Try again shortly or contact the secretariat.',
    wrongTenant: "This bot only serves the FKI organisation's Teams. Your request was refused.",
    roleRefused: 'You may not use "{command}". It requires the role: {roles}.',
    notInChannel: 'This command only works in a channel of a team.',
    noGroupBound: 'This channel is not bound to a group yet. The secretariat can write "bind <group>".',
    unknownCardAction: 'The action "{verb}" is not known. The card may be out of date.',
    cardActionDone: 'Done.',
    role_secretariat: 'secretariat',
    role_chair: 'chair',
    role_member: 'member',
    role_KL: 'KL representative',
    role_UDK: 'UDK representative',
    role_KOMBIT: 'KOMBIT representative',
    fieldError: '{field}: {reason}',
  },
  welcome: {
    title: 'The FKI governance bot is installed',
    body:
      'I keep track of the FKI governance cycle: meetings and deadlines, agenda items, ' +
      'status reports, written hearings, member terms and the buffet-price budget.',
    bindHint: 'The secretariat binds a channel to a group by writing "@FKI bind <group>" in the channel.',
    helpHint: 'Write "@FKI help" to see every command.',
  },
  help: {
    title: 'Commands',
    intro: 'Write a command to me (with an @mention in a channel). This is what you can do:',
    unknownCommand: 'I do not know the command "{command}". These are the ones I know:',
    command_help: 'Show this help.',
    command_bind: 'Bind this channel to a group (secretariat only).',
    command_unbind: "Remove this channel's binding (secretariat only).",
    command_status: "Show this channel's group and its next meeting.",
    usage: 'Usage: {usage}',
  },
  binding: {
    missingGroupArg: 'Name the group: "bind <group>". Possible groups: {groups}.',
    unknownGroup: 'There is no group "{group}". Possible groups: {groups}.',
    groupDissolved: 'The group "{group}" is dissolved and cannot be bound.',
    bound: 'This channel is now bound to {group}.',
    alreadyBoundHere: 'This channel is already bound to {group}.',
    groupBoundElsewhere: '{group} is already bound to the channel "{channel}". Remove that binding first.',
    channelBoundToOther: 'This channel is bound to {current}. Remove that binding first ("unbind").',
    unbound: "This channel's binding to {group} was removed.",
    notBound: 'This channel is not bound to any group.',
  },
  status: {
    title: 'Status of {group}',
    group: 'Group',
    channel: 'Channel',
    nextMeeting: 'Next meeting',
    noMeeting: 'No meeting is scheduled.',
    location: 'Location',
  },
  scheduler: {
    lateLine: 'Sent late: this was due {dueAt}.',
    factMeeting: 'Meeting',
    factDeadline: 'Deadline',
    factGroup: 'Group',
    factEndDate: 'End date',
    proposalHeadsUpTitle: 'Agenda proposals due in {days} days',
    proposalHeadsUpBody:
      'Send your proposals for the agenda of the {group} meeting by {deadline}. Decision items need a proposed decision.',
    statusHeadsUpTitle: 'Status reports for {meetingGroup} due in {days} days',
    statusHeadsUpBody:
      'Deliver the status and any recommendations of your started initiatives by {deadline}. They are gathered into the portfolio overview for the meeting on {meeting}.',
    proposalDeadlineTitle: 'The deadline for agenda proposals has passed',
    proposalDeadlineBody:
      'No more proposals are taken for the meeting on {meeting}. The secretariat can still add an item, marked as late.',
    statusDeadlineTitle: 'Status reports are due now',
    statusDeadlineBody:
      'The status and recommendations for the {meetingGroup} meeting on {meeting} are due now. If yours is missing, send it to the secretariat at once.',
    statusGatheredTitle: 'Status reports received',
    statusGatheredBody: "The reference groups' status and recommendations are now gathered into the portfolio overview for the meeting on {meeting}.",
    detailedAgendaTitle: 'The detailed agenda is due',
    detailedAgendaBody:
      'The meeting on {meeting} is in {days} days. The secretariat now sends out the detailed agenda and the material.',
    termEndingTitle: 'Member term ends in {days} days',
    termEndingBody: "{person}'s term in {group} ends on {endDate}. Plan re-appointment or recruitment in good time.",
    workingGroupEndingTitle: 'Working group nearing its end date',
    workingGroupEndingBody:
      '{group} ends on {endDate} (in {days} days). Deliver the result, or ask the reference group to extend the task.',
  },
};
