import { helpCard } from '../../../src/platform/cards/core-cards';
import { validateCard } from '../../../src/platform/cards/validate';
import { allFeatures } from '../../../src/app/features';
import { commandNames, translatorFor } from '../../../src/platform/i18n';
import { selectHelp } from '../../../src/platform/teams/help-selection';

it('the help card with the members commands is still a valid card in both languages', () => {
  const commands = allFeatures().flatMap((feature) => feature.commands ?? []);
  expect(commands.map((c) => c.id)).toEqual(
    expect.arrayContaining(['members', 'expiring', 'composition', 'member-history']),
  );
  const names = commands.flatMap((c) => commandNames(c.id));
  expect(new Set(names).size).toBe(names.length);
  for (const locale of ['da', 'en'] as const)
    for (const roles of [['administer'], ['member']] as const) {
      const selection = selectHelp(allFeatures(), { roles: [...roles], place: 'bound' });
      expect(validateCard(helpCard(translatorFor(locale), locale, { selection })).problems).toEqual([]);
    }
});
