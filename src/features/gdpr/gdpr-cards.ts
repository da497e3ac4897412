/** The GDPR cards and texts: the erasure confirmation and why an erasure was refused. */
import type { Translate } from '../../platform/i18n';
import {
  adaptiveCard,
  errorBanner,
  executeAction,
  paragraph,
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';
import { markdownText } from '../../platform/cards/text';
import type { ErasureRefusal } from './gdpr-service';

export const GDPR_VERBS = {
  // Named under members: erasure began as a member card, and cards already posted carry this verb.
  erase: 'members.erase',
} as const;

/** The refusal in the user's language. */
export function erasureRefusalText(t: Translate, refusal: ErasureRefusal): string {
  switch (refusal.rule) {
    case 'unknown-person':
      return t('members.refused_unknown_person', { person: markdownText(refusal.personId) });
    case 'active-membership':
      return t('members.refused_active_membership', { groups: refusal.groupIds.join(', ') });
  }
}

/** "Erase this person?": the name to be replaced by a pseudonym, and the destructive button. */
export function eraseConfirmCard(
  t: Translate,
  input: { personId: string; personName: string; messages?: string[] },
): AdaptiveCard {
  const body: CardElement[] = [];
  if (input.messages && input.messages.length > 0) body.push(errorBanner(input.messages));
  body.push(paragraph(t('members.eraseConfirm', { person: markdownText(input.personName) })));
  return adaptiveCard(body, [
    executeAction(t('members.actionErase'), GDPR_VERBS.erase, { personId: input.personId }, 'destructive'),
  ]);
}
