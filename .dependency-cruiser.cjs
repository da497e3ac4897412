/**
 * The house rules, enforced by `npm run lint` (and so by `npm test`): where a capability may reach.
 * A fixture under test/fixtures/boundaries breaks each rule once, and a test shows each one fails.
 */
const PURE = '^(src/domain/|src/features/[^/]+/domain/)';
/** What a pure rule may import besides other pure rules: libraries without I/O. */
const PURE_LIBRARIES = '(^|/)node_modules/(luxon|zod)/';

module.exports = {
  forbidden: [
    {
      name: 'botbuilder-only-in-teams-adapter',
      comment:
        'Only the Teams adapter (src/platform/teams) talks Bot Framework, so a move to the Agents SDK is one folder.',
      severity: 'error',
      from: { pathNot: '^src/platform/teams/' },
      to: { path: '(^|/)node_modules/(botbuilder|botframework-)' },
    },
    {
      name: 'pure-rules-import-no-io',
      comment:
        'The rules (src/domain, src/features/*/domain) import only other rules and I/O-free libraries.',
      severity: 'error',
      from: { path: PURE },
      to: { pathNot: `${PURE}|${PURE_LIBRARIES}` },
    },
    {
      name: 'feature-through-public-entry',
      comment: 'A feature uses another feature only through its index.ts, never through its internals.',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/[^/]+/', pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.ts$'] },
    },
    {
      name: 'platform-knows-no-feature',
      comment:
        'The platform layer is shared by the features and so imports none of them, nor the composition root.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(features|app|tab)/' },
    },
    {
      name: 'only-the-root-imports-the-root',
      comment: 'src/app wires everything; nothing but main.ts and the operator scripts depend on it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(app/|main\\.ts$)' },
      to: { path: '^src/app/' },
    },
    {
      name: 'no-import-cycles',
      comment:
        'A cycle ties modules into one, type-only imports included: a feature that needs its user is in the wrong place.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/tab/client/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
