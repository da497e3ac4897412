/**
 * A working-group proposal: what a reference group proposes, the content of its written hearing
 * and, on approval, of the working group. The schema validates it wherever it is stored.
 */
import { z } from 'zod';

const nonEmpty = z.string().min(1);
const isoDate = z.iso.date();

/**
 * A proposed member. Proposals stored before members were created on approval hold only the name
 * and organisation text: those stay readable, and their members are reported instead of created.
 */
export interface ProposedMember {
  name: string;
  organisation: string;
  /** The register's key: the Entra object id (people picker), or a `manual-` id for manual entry. */
  personId?: string;
  /** The e-mail given for manual entry (a person not in Teams yet). */
  email?: string;
}

export interface ResourceNeed {
  organisation: string;
  hours: number;
}

/** What a reference group proposes: the content of the hearing and, on approval, of the working group. */
export interface WorkingGroupProposal {
  title: string;
  problem: string;
  mandate: string;
  /** The reference group the working group reports to. */
  parentGroupId: string;
  members: ProposedMember[];
  chair: string;
  resources: ResourceNeed[];
  /** Any money needed, whole kroner. */
  costKr: number;
  /** 1-based position in the ranking of started and planned working groups. */
  priority: number;
  startDate: string;
  endDate: string;
}

export const proposalSchema: z.ZodType<WorkingGroupProposal> = z.object({
  title: nonEmpty,
  problem: nonEmpty,
  mandate: nonEmpty,
  parentGroupId: nonEmpty,
  members: z
    .array(
      z.object({
        name: nonEmpty,
        organisation: nonEmpty,
        personId: nonEmpty.optional(),
        email: z.email().optional(),
      }),
    )
    .min(1),
  chair: nonEmpty,
  resources: z.array(z.object({ organisation: nonEmpty, hours: z.number().int().min(0) })),
  costKr: z.number().int().min(0),
  priority: z.number().int().min(1),
  startDate: isoDate,
  endDate: isoDate,
});
