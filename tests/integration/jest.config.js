// Cross-service tests against the real local stack; `npm test` starts it first.
module.exports = {
  displayName: 'integration',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.integration.spec.ts'],
  testTimeout: 180_000,
  // The restart suite stops and starts the shared broker; it must run after the others.
  testSequencer: '<rootDir>/restart-last-sequencer.js',
};
