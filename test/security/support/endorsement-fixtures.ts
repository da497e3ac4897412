/** Endorsements the security tests act on: fresh per use, so one cell never depends on another. */
import { randomUUID } from 'node:crypto';
import type { App } from '../../../src/app/compose';
import { REFERENCE_GROUP } from './secure-bot';

/** The endorsement form as its card sends it. */
export function validEndorsementForm(): Record<string, string> {
  return {
    cardInstanceId: randomUUID(),
    title: 'Fælles logning',
    text: 'Vi indstiller, at kommunerne bruger fælles logning.',
    material: '',
  };
}

/** An endorsement of the reference group, drafted by its member and open for votes. */
export async function freshEndorsement(
  app: App,
): Promise<{ steeringGroupId: string; endorsementId: string }> {
  const form = validEndorsementForm();
  const result = await app.services.endorsements.submit({
    cardInstanceId: form.cardInstanceId!,
    referenceGroupId: REFERENCE_GROUP,
    fields: { title: form.title!, text: form.text! },
    materialText: '',
    actor: { id: 'p-member', name: 'Medlem Mikkel' },
  });
  if (result.kind !== 'accepted') throw new Error(`fixture endorsement not accepted: ${result.kind}`);
  return { steeringGroupId: result.endorsement.steeringGroupId, endorsementId: result.endorsement.id };
}
