/**
 * The recruitment's command arguments and card data as typed input. Ids are read as the cards sent
 * them; the candidate's fields stay as typed, so the rules (domain/recruitment.ts) name every bad
 * one on the re-filled form.
 */
import { z } from 'zod';
import { cardString, cardValueText, commandText } from '../../platform/teams/define';
import { recruitmentIdOf } from './recruitment-repository';

/** "rekruttering [organ]": the body's id or name, or nothing (the answer lists the bodies). */
export const recruitmentArgs = commandText;

export const openRecruitmentInput = z.object({
  groupId: cardValueText,
  // The recruitment's id comes from it: a card without a usable one is no card of ours.
  cardInstanceId: cardValueText.refine((value) => recruitmentIdOf(value) !== ''),
  seat: cardValueText,
});
export type OpenRecruitmentInput = z.infer<typeof openRecruitmentInput>;

export const registerCandidateInput = z.object({
  groupId: cardValueText,
  recruitmentId: cardValueText,
  name: cardString,
  email: cardString,
  municipalityCode: cardString,
  competences: cardString,
  assessment: cardString,
});
export type RegisterCandidateInput = z.infer<typeof registerCandidateInput>;

export const appointCandidateInput = z.object({
  groupId: cardValueText,
  recruitmentId: cardValueText,
  candidateId: cardValueText,
});
export type AppointCandidateInput = z.infer<typeof appointCandidateInput>;
