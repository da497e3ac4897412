/** Requests for input the security tests act on: fresh per use, so one cell never depends on another. */
import { randomUUID } from 'node:crypto';
import type { App } from '../../../src/app/compose';
import { REFERENCE_GROUP } from './secure-bot';

/** The request form as its card sends it, due well after the bot's clock. */
export function validRequestForm(): Record<string, string> {
  return {
    cardInstanceId: randomUUID(),
    referenceGroupId: REFERENCE_GROUP,
    topic: 'Fælles logning',
    question: 'Hvilke krav bør gælde for fælles logning?',
    background: '',
    material: '',
    dueDate: '2030-06-01',
  };
}

/** A request to the reference group filed by the secretariat, open for an answer. */
export async function freshRequest(app: App): Promise<{ steeringGroupId: string; requestId: string }> {
  const form = validRequestForm();
  const result = await app.services.requests.submit({
    cardInstanceId: form.cardInstanceId!,
    fields: {
      referenceGroupId: form.referenceGroupId!,
      topic: form.topic!,
      question: form.question!,
      background: '',
      dueDate: form.dueDate!,
    },
    materialText: '',
    actor: { id: 'p-sec', name: 'Sekretær Sara', capacity: 'administer' },
  });
  if (result.kind !== 'accepted') throw new Error(`fixture request not accepted: ${result.kind}`);
  return { steeringGroupId: result.request.steeringGroupId, requestId: result.request.id };
}
