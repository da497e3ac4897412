/**
 * The organisations of the governance file (issue 23.1): the municipal members are built in (their
 * municipality code and K98 group, their term rule); every other organisation, its names, whether
 * it appoints its own (no term limits) and its seats come from the file's `organisations` list.
 * Part of the governance schema (governance.ts), kept apart for its size.
 */
import { z } from 'zod';
import { localizedTextSchema, localText } from './localized-text';

/**
 * The built-in kind of municipal members: they carry a municipality code (and so a K98 group), sit
 * on `members.municipal` and serve under the term rule. Every other organisation comes from the
 * file's `organisations` list.
 */
export const MUNICIPALITY = 'municipality';

/** An organisation's id as members, CSV rows and seat counts name it (e.g. KL); never 'municipality'. */
export const organisationId = z
  .string({ error: 'expected an organisation id of letters, digits and dashes' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, { error: 'expected an organisation id of letters, digits and dashes' })
  .refine((id) => id.toLowerCase() !== MUNICIPALITY, {
    error: 'expected an organisation id other than municipality (municipal members are built in)',
  });

/** An organisation whose representatives sit in the bodies besides the municipal members. */
export const organisationSchema = z.strictObject({
  id: organisationId,
  name: localizedTextSchema,
  /** Its representatives are appointed by their own organisation: no term limits. */
  exemptFromTerms: z.boolean({ error: 'expected true or false' }).default(false),
});
export type GovernanceOrganisation = z.infer<typeof organisationSchema>;

/** What the organisation rules read of the governance (a hand-built object may have no more). */
type OrganisationSettings = {
  language?: string;
  organisations?: readonly GovernanceOrganisation[] | undefined;
  exemptOrganisations?: readonly string[] | undefined;
  bodies: ReadonlyArray<{ members?: { organisations: Readonly<Record<string, number>> } | undefined }>;
};

/**
 * The organisations of the governance besides the municipalities, in the file's order. A file
 * without the list (from before issue 23.1): the ids `exemptOrganisations` and the seats name,
 * named by their id, exempt when `exemptOrganisations` lists them (all of them when it is absent).
 */
export function governanceOrganisations(governance: OrganisationSettings): GovernanceOrganisation[] {
  const exempt = governance.exemptOrganisations;
  if (governance.organisations) {
    return governance.organisations.map((organisation) =>
      exempt?.includes(organisation.id) ? { ...organisation, exemptFromTerms: true } : organisation,
    );
  }
  const seated = governance.bodies.flatMap((body) => Object.keys(body.members?.organisations ?? {}));
  return [...new Set([...(exempt ?? []), ...seated])].map((id) => ({
    id,
    // The id is its name in every language: written in the file's, which localText falls back to.
    name: { [governance.language ?? 'da']: id },
    exemptFromTerms: exempt === undefined || exempt.includes(id),
  }));
}

/** The organisation with this id, if the governance lists it. */
export function organisationById(
  governance: OrganisationSettings,
  id: string,
): GovernanceOrganisation | undefined {
  return governanceOrganisations(governance).find((organisation) => organisation.id === id);
}

/** Seats and the old exempt list may name only listed organisations; each id listed once. */
export function organisationIssues(
  governance: OrganisationSettings,
): Array<{ path: (string | number)[]; message: string; input?: unknown }> {
  if (!governance.organisations) {
    // A file from before the list: its seats name the organisations, so they must be ids.
    return governance.bodies.flatMap((body, index) =>
      Object.keys(body.members?.organisations ?? {})
        .filter((id) => !organisationId.safeParse(id).success)
        .map((id) => ({
          path: ['bodies', index, 'members', 'organisations', id],
          message: `expected an organisation id of letters, digits and dashes other than municipality, not ${id}`,
        })),
    );
  }
  const ids = governance.organisations.map((organisation) => organisation.id);
  const known = `expected one of the organisations listed in organisations (${ids.join(', ') || 'none'})`;
  const issues: Array<{ path: (string | number)[]; message: string; input?: unknown }> = [];
  ids.forEach((id, index) => {
    if (ids.indexOf(id) !== index)
      issues.push({
        path: ['organisations', index, 'id'],
        message: 'expected a unique organisation id',
        input: id,
      });
  });
  governance.exemptOrganisations?.forEach((id, index) => {
    if (!ids.includes(id)) issues.push({ path: ['exemptOrganisations', index], message: known, input: id });
  });
  governance.bodies.forEach((body, index) => {
    for (const id of Object.keys(body.members?.organisations ?? {}))
      if (!ids.includes(id))
        issues.push({
          path: ['bodies', index, 'members', 'organisations', id],
          message: `${known}, not ${id}`,
        });
  });
  return issues;
}

/** Whether the organisation appoints its own representatives (no term limits); never a municipality. */
export function isExemptOrganisation(governance: OrganisationSettings, organisationKind: string): boolean {
  return organisationById(governance, organisationKind)?.exemptFromTerms === true;
}

/**
 * A listed organisation's name in the language (the file's `name`); undefined for the municipal
 * kind (the catalogues name it) and for an id the file does not list.
 */
export function organisationName(
  governance: OrganisationSettings,
  kind: string,
  language: string,
): string | undefined {
  const organisation = organisationById(governance, kind);
  return organisation && localText(organisation.name, language, governance.language);
}
