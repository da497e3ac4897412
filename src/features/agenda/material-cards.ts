/**
 * Material (bilag) on the cards and the printable agenda: each entry's title, kind and link, the
 * agenda item's "add material" form (an inline card, so the channel's agenda card itself is never
 * replaced), and the card asking which proposal a file sent in personal chat belongs to.
 */
import type { Translate } from '../../platform/i18n';
import { markdownText } from '../../platform/cards/text';
import {
  adaptiveCard,
  choiceSetInput,
  executeAction,
  paragraph,
  showCardAction,
  textInput,
  title,
  type ActionShowCard,
  type AdaptiveCard,
} from '../../platform/cards/builders';
import { materialOf, MATERIAL_LIMITS, type MaterialEntry, type TeamsFileReference } from './domain/material';
import type { ProposalRecord } from './proposals-repository';

export const MATERIAL_VERBS = { add: 'material.add', attachFile: 'material.attachFile' } as const;

/** The kind as people read it: PDF, DOCX, …, or "link". */
export function kindLabel(t: Translate, kind: string): string {
  return kind === 'link' ? t('material.kindLink') : kind.toUpperCase();
}

/** A validated https URL as a markdown link target: characters that would end the target are encoded. */
function linkTarget(url: string): string {
  return url.replace(/[()<>\s]/g, (c) => encodeURIComponent(c));
}

/** The proposal's material as card markdown, e.g. "[Budget](https://…) (PDF) · [Notat](…) (DOCX)". */
export function materialMarkdown(t: Translate, proposal: ProposalRecord): string {
  return materialOf(proposal)
    .map((entry) => `[${markdownText(entry.title)}](${linkTarget(entry.url)}) (${kindLabel(t, entry.kind)})`)
    .join(' · ');
}

/** The proposal's material as plain text (for a fact: budgeted and escaped by the caller). */
export function materialSummary(t: Translate, proposal: ProposalRecord): string {
  return materialOf(proposal)
    .map((entry) => `${entry.title} (${kindLabel(t, entry.kind)})`)
    .join(', ');
}

/** The proposal's material for the printable agenda: one link a line, every text through `escapeHtml`. */
export function materialHtml(
  t: Translate,
  proposal: ProposalRecord,
  escapeHtml: (text: string) => string,
): string[] {
  return materialOf(proposal).map(
    (entry: MaterialEntry) =>
      `${escapeHtml(t('agenda.material'))}: <a href="${escapeHtml(entry.url)}">${escapeHtml(entry.title)}</a> (${escapeHtml(kindLabel(t, entry.kind))})`,
  );
}

/** The agenda item's "add material" button: an inline form sent to `material.add`. */
export function addMaterialButton(t: Translate, proposal: ProposalRecord): ActionShowCard {
  // One card holds many items: the input's id names its proposal so the forms do not mix.
  const inputId = `material-${proposal.id}`;
  return showCardAction(
    t('material.addButton'),
    textInput({
      id: inputId,
      label: t('material.addLabel', { title: markdownText(proposal.title) }),
      placeholder: t('material.placeholder'),
      multiline: true,
      maxLength: 10 * (MATERIAL_LIMITS.urlMaxChars + MATERIAL_LIMITS.titleMaxChars),
    }),
    [
      executeAction(t('material.addSubmit'), MATERIAL_VERBS.add, {
        groupId: proposal.groupId,
        proposalId: proposal.id,
        inputId,
      }),
    ],
  );
}

export interface FileChoice {
  groupId: string;
  proposalId: string;
  label: string;
}

/** Asks which of the sender's open proposals a file belongs to; the file's reference rides in the data. */
export function fileChoiceCard(t: Translate, file: TeamsFileReference, choices: FileChoice[]): AdaptiveCard {
  return adaptiveCard(
    [
      title(t('material.fileTitle', { name: markdownText(file.name) })),
      paragraph(t('material.fileIntro'), { isSubtle: true }),
      ...choiceSetInput({
        id: 'target',
        label: t('material.fileChoice'),
        choices: choices.map((choice) => ({
          title: choice.label,
          value: `${choice.groupId}/${choice.proposalId}`,
        })),
        value: choices.length === 1 ? `${choices[0]!.groupId}/${choices[0]!.proposalId}` : undefined,
      }),
    ],
    [
      executeAction(
        t('material.fileSubmit'),
        MATERIAL_VERBS.attachFile,
        {
          name: file.name,
          uniqueId: file.uniqueId,
          fileType: file.fileType,
          contentUrl: file.contentUrl,
        },
        'positive',
      ),
    ],
  );
}
