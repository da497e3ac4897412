/** zod schemas of the shared model (src/domain/model.ts), reused by repositories to validate writes. */
import { z } from 'zod';
import { currentBodyKind, currentMemberRole } from '../../domain/legacy-names';
import type { Group, Membership, Organisation, Person } from '../../domain/model';

export const isoDate = z.iso.date();
export const isoInstant = z.iso.datetime({ offset: true });
const nonEmpty = z.string().min(1);

export const organisationSchema: z.ZodType<Organisation> = z.object({
  // 'municipality' or an organisation id of the governance file (issue 23.1): stored data reads as
  // before whatever the file lists now; an id the file no longer lists is the governance
  // contradiction check's to name (organisationIds), not a storage error.
  kind: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/),
  municipalityCode: z
    .string()
    .regex(/^\d{3}$/)
    .optional(),
  name: nonEmpty,
});

export const groupSchema: z.ZodType<Group> = z.object({
  id: nonEmpty,
  // Records from the first version carry the old kind names (legacy-names.json).
  kind: z.preprocess(
    currentBodyKind,
    z.enum(['board', 'reference', 'working', 'administration', 'management']),
  ),
  // By language: any of them (issue 23); records from before are { da, en }.
  name: z.record(z.string().min(1), nonEmpty),
  parentGroupId: nonEmpty.optional(),
  status: z.enum(['active', 'dissolved']),
  plannedEnd: isoDate.optional(),
  createdAt: isoInstant,
  dissolvedAt: isoInstant.optional(),
});

export const personSchema: z.ZodType<Person> = z.object({
  id: nonEmpty,
  name: nonEmpty,
  email: z.email().optional(),
  organisation: organisationSchema,
  anonymisedAt: isoInstant.optional(),
});

export const membershipSchema: z.ZodType<Membership> = z.object({
  personId: nonEmpty,
  groupId: nonEmpty,
  role: z.preprocess(currentMemberRole, z.enum(['member', 'chair', 'staff'])),
  termStart: isoDate,
  plannedEnd: isoDate.optional(),
  endedOn: isoDate.optional(),
  organisation: organisationSchema.optional(),
});
