module.exports = {
  displayName: 'deploy',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // Helm is built from the Go module proxy on a fresh machine; the Python tools come from PyPI.
  globalSetup: '<rootDir>/src/tooling/global-setup.cjs',
  // Each test runs real tools (helm, kubectl kustomize, kubernetes-validate): seconds, not ms.
  testTimeout: 120_000,
};
