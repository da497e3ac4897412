/**
 * The Danish message catalogue: the default language and the source of truth for the key set.
 * English (en.ts) is typed against this object, so a key missing in English is a compile error.
 *
 * Sections are named after the feature that owns them. Engineers add their own section with a
 * targeted edit; keep one section per feature. Parameters are written `{name}` and filled by
 * `translate()` (src/i18n/index.ts).
 */
export const da = {
  core: {
    unknownError: 'Der skete en fejl. Prøv igen om lidt, eller kontakt sekretariatet.',
    wrongTenant: 'Denne bot betjener kun FKI-organisationens Teams. Din anmodning blev afvist.',
    roleRefused: 'Du har ikke adgang til "{command}". Det kræver rollen: {roles}.',
    notInChannel: 'Denne kommando virker kun i en kanal i et team.',
    noGroupBound: 'Denne kanal er ikke tilknyttet en gruppe endnu. Sekretariatet kan skrive "tilknyt <gruppe>".',
    unknownCardAction: 'Handlingen "{verb}" kendes ikke. Kortet er måske forældet.',
    cardActionDone: 'Udført.',
    role_secretariat: 'sekretariatet',
    role_chair: 'formand',
    role_member: 'medlem',
    role_KL: 'KL-repræsentant',
    role_UDK: 'UDK-repræsentant',
    role_KOMBIT: 'KOMBIT-repræsentant',
    fieldError: '{field}: {reason}',
  },
  welcome: {
    title: 'FKI-governancebotten er installeret',
    body:
      'Jeg holder styr på FKI-governancecyklen: møder og frister, dagsordenspunkter, ' +
      'statusrapporter, skriftlige høringer, medlemsperioder og buffetprisens budget.',
    bindHint: 'Sekretariatet tilknytter en kanal til en gruppe ved at skrive "@FKI tilknyt <gruppe>" i kanalen.',
    helpHint: 'Skriv "@FKI hjælp" for at se alle kommandoer.',
  },
  help: {
    title: 'Kommandoer',
    intro: 'Skriv en kommando til mig (med @omtale i en kanal). Det her kan du:',
    unknownCommand: 'Jeg kender ikke kommandoen "{command}". Her er dem, jeg kender:',
    command_help: 'Vis denne hjælp.',
    command_bind: 'Tilknyt denne kanal til en gruppe (kun sekretariatet).',
    command_unbind: 'Fjern kanalens tilknytning (kun sekretariatet).',
    command_status: 'Vis kanalens gruppe og dens næste møde.',
    usage: 'Brug: {usage}',
  },
  binding: {
    missingGroupArg: 'Angiv gruppen: "tilknyt <gruppe>". Mulige grupper: {groups}.',
    unknownGroup: 'Gruppen "{group}" findes ikke. Mulige grupper: {groups}.',
    groupDissolved: 'Gruppen "{group}" er nedlagt og kan ikke tilknyttes.',
    bound: 'Kanalen er nu tilknyttet {group}.',
    alreadyBoundHere: 'Kanalen er allerede tilknyttet {group}.',
    groupBoundElsewhere: '{group} er allerede tilknyttet kanalen "{channel}". Fjern den tilknytning først.',
    channelBoundToOther: 'Kanalen er tilknyttet {current}. Fjern den tilknytning først ("fjern tilknytning").',
    unbound: 'Kanalens tilknytning til {group} er fjernet.',
    notBound: 'Kanalen er ikke tilknyttet nogen gruppe.',
  },
  status: {
    title: 'Status for {group}',
    group: 'Gruppe',
    channel: 'Kanal',
    nextMeeting: 'Næste møde',
    noMeeting: 'Der er ikke planlagt noget møde.',
    location: 'Sted',
  },
  scheduler: {
    lateLine: 'Sendt for sent: skulle have været sendt {dueAt}.',
    factMeeting: 'Møde',
    factDeadline: 'Frist',
    factGroup: 'Gruppe',
    factEndDate: 'Slutdato',
    proposalHeadsUpTitle: 'Frist for dagsordenspunkter om {days} dage',
    proposalHeadsUpBody:
      'Send forslag til dagsordenspunkter til mødet i {group} senest {deadline}. Beslutningspunkter skal have en indstilling.',
    statusHeadsUpTitle: 'Statusrapporter til {meetingGroup} om {days} dage',
    statusHeadsUpBody:
      'Aflever status og eventuelle indstillinger for jeres igangsatte initiativer senest {deadline}. De samles i porteføljeoverblikket til mødet {meeting}.',
    proposalDeadlineTitle: 'Fristen for dagsordenspunkter er udløbet',
    proposalDeadlineBody:
      'Der modtages ikke flere forslag til mødet {meeting}. Sekretariatet kan stadig tilføje et punkt, som så markeres som for sent.',
    statusDeadlineTitle: 'Fristen for statusrapporter er nu',
    statusDeadlineBody:
      'Status og indstillinger til {meetingGroup}s møde {meeting} skal være afleveret nu. Mangler jeres, så send den straks til sekretariatet.',
    statusGatheredTitle: 'Statusrapporter er modtaget',
    statusGatheredBody: 'Referencegruppernes status og indstillinger samles nu i porteføljeoverblikket til mødet {meeting}.',
    detailedAgendaTitle: 'Den detaljerede dagsorden skal sendes ud',
    detailedAgendaBody:
      'Mødet {meeting} er om {days} dage. Sekretariatet udsender nu den detaljerede dagsorden og materialet.',
    termEndingTitle: 'Medlemsperiode slutter om {days} dage',
    termEndingBody: '{person}s periode i {group} slutter {endDate}. Planlæg genudpegning eller rekruttering i god tid.',
    workingGroupEndingTitle: 'Arbejdsgruppen nærmer sig sin slutdato',
    workingGroupEndingBody:
      '{group} har slutdato {endDate} (om {days} dage). Aflever resultatet, eller bed referencegruppen om at forlænge opgaven.',
  },
};

/** The shape every catalogue must have: same sections and keys, string values. */
export type Catalogue = { [S in keyof typeof da]: { [K in keyof (typeof da)[S]]: string } };
