/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking runs once in `npm test` (tsc --noEmit); per-file transpiling keeps jest fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }],
    // ESM-only dependencies (jose 6, used by the tab's token validation) converted to CommonJS for jest.
    '/node_modules/jose/.+\\.js$': '<rootDir>/test/tab/support/esm-to-cjs-transform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testTimeout: 30000,
  maxWorkers: 2,
};
