// One jest run for the whole monorepo. Sources are transpiled by swc (types are
// checked separately by `tsc -b` and tsconfig.tests.json), and workspace
// packages resolve to their src/ so tests never run stale builds.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/plugins', '<rootDir>/examples', '<rootDir>/bench'],
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleNameMapper: {
    '^@wxbot/plugin-([a-z-]+)$': '<rootDir>/plugins/$1/src',
    '^@wxbot/([a-z-]+)/internals$': '<rootDir>/packages/$1/src/internals',
    '^@wxbot/([a-z-]+)$': '<rootDir>/packages/$1/src',
    '^wxbot$': '<rootDir>/packages/cli/src',
  },
  testTimeout: 30000,
  // Long suites first, so that two workers finish together (see the file).
  testSequencer: '<rootDir>/jest.sequencer.js',
};
