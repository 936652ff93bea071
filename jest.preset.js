// Shared Jest settings for every project: ts-jest in transpile-only mode (the typecheck
// target does type checking), path aliases from tsconfig.base.json, and a reporter that lets
// `npm test` print one closing line for the whole run.
const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.spec.json') }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, {
    prefix: `${__dirname}/`,
  }),
  reporters: ['default', path.join(__dirname, 'tools', 'jest', 'results-reporter.js')],
};
