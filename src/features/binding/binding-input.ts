/** The binding commands' arguments as typed input. */
import { z } from 'zod';
import { commandText } from '../../platform/teams/define';

/** "bind <group>": the group as typed (id or name, accents kept); none answers with the groups. */
export const bindArgs = commandText.pipe(z.string().min(1));
