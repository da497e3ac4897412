/**
 * The GDPR commands' arguments and the erasure card's data as typed input. The person is an Entra
 * object id, taken as typed (trimmed); without one the commands answer with their usage.
 */
import { z } from 'zod';
import { commandText } from '../../platform/teams/define';

/** "person data <entra id>" and "erase <entra id>": the id, required. */
export const personIdArgs = commandText.pipe(z.string().min(1));

/** The erasure confirmation: the person to erase (trimmed; absent or blank is refused). */
export const eraseInput = z.object({ personId: z.string().trim().min(1) });
