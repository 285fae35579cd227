// Nest 12, jose and auto-bind (of graphql-codegen) ship ES modules; Jest on Node 20 loads CommonJS, so SWC compiles
// both our TypeScript and those packages to CommonJS.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      baseUrl: __dirname,
      paths: { '@joinedup/migrations': ['migrations/index'], '@joinedup/*': ['libs/*/src'] },
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test', '<rootDir>/tools'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|m?j)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose|@as-integrations|auto-bind)/)'],
  moduleNameMapper: {
    '^@joinedup/migrations$': '<rootDir>/migrations/index',
    '^@joinedup/(.*)$': '<rootDir>/libs/$1/src',
  },
  setupFiles: ['<rootDir>/test/support/test-env.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  // One worker more than the 2 cores the suite is sized for: many files wait (on PostgreSQL,
  // a worker process, Chromium, a timer), and a third keeps both cores busy (716 s → 666 s).
  maxWorkers: 3,
};
