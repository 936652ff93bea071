import nx from '@nx/eslint-plugin';

/** Libraries that make I/O or bind a domain lib to one runtime; domain code stays pure. */
const bannedInDomain = [
  'kafkajs',
  'express',
  '@opentelemetry/*',
  'avsc',
  'pg',
  'node:*',
  'fs',
  'net',
  'http',
  'https',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.fieldline',
      '**/coverage',
      '**/.nx',
      '**/*.generated.ts',
    ],
  },
  {
    files: ['**/*.ts'],
    rules: {
      // The layer matrix: who may import whom (docs/architecture.md explains each layer).
      '@nx/enforce-module-boundaries': [
        'error',
        {
          // Nothing is packaged: apps and tools run every lib from source through the path aliases.
          enforceBuildableLibDependency: false,
          banTransitiveDependencies: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:application',
                'type:domain',
                'type:contracts',
                'type:platform',
                'type:shared',
              ],
            },
            {
              sourceTag: 'type:application',
              onlyDependOnLibsWithTags: [
                'type:application',
                'type:domain',
                'type:contracts',
                'type:platform',
                'type:shared',
              ],
            },
            {
              sourceTag: 'type:platform',
              onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:shared'],
            },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:shared'],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:shared'],
              bannedExternalImports: bannedInDomain,
            },
            {
              sourceTag: 'type:shared',
              onlyDependOnLibsWithTags: ['type:shared'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: [
                'type:testing',
                'type:application',
                'type:domain',
                'type:contracts',
                'type:platform',
                'type:shared',
                'type:tool',
              ],
            },
            {
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: [
                'type:tool',
                'type:platform',
                'type:contracts',
                'type:shared',
              ],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: [
                'type:testing',
                'type:tool',
                'type:application',
                'type:domain',
                'type:contracts',
                'type:platform',
                'type:shared',
              ],
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration',
          message: 'Export names explicitly; entry points are curated (no export *).',
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The Kafka runtime reaches kafkajs through one port; only its driver folder may import it,
    // so a later switch of client touches that folder alone.
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: ['libs/platform/kafka/src/driver/kafkajs/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'kafkajs',
              message: 'Use @fieldline/platform-kafka; only its kafkajs driver imports kafkajs.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
];
