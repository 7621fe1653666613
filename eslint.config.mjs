// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      '.tailor/',
      'coverage/',
      '**/*.js',
      '!eslint.config.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // The named `z` is one object holding all of zod, so esbuild keeps every part of it
      // (some 360 kB more in each bundle, parsed at each cold start; docs/deploy.md).
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'] ImportSpecifier[imported.name='z']",
          message: "Import zod as a namespace: import * as z from 'zod'.",
        },
      ],
    },
  },
  {
    // DESIGN principle 3: the core knows no AWS. Only the store adapters may talk to it.
    files: ['layers/core/**/*.ts'],
    ignores: [
      'layers/core/store/aws*.ts',
      'layers/core/store/dynamodb/**',
      'layers/core/store/eventbridge/**',
      'layers/core/store/iam/**',
      'layers/core/store/s3/**',
      'layers/core/store/sfn/**',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@aws-sdk/*',
                '!@aws-sdk/client-personalize',
                '!@aws-sdk/client-personalize-events',
                '!@aws-sdk/client-personalize-runtime',
                'aws-cdk-lib',
                'aws-cdk-lib/*',
                'constructs',
                '@middy/*',
              ],
              message: 'The core knows no AWS: use a port from layers/core/store/ports.ts.',
            },
            {
              // The Personalize clients' response types check what the operations answer
              // (api/wire.ts); `import type` vanishes from the bundles, the clients do not.
              group: [
                '@aws-sdk/client-personalize',
                '@aws-sdk/client-personalize-events',
                '@aws-sdk/client-personalize-runtime',
              ],
              allowTypeImports: true,
              message: "Only the Personalize clients' types, with `import type`.",
            },
          ],
        },
      ],
    },
  },
  {
    // The handlers take the core from its Lambda layer (lib/core-layer.ts): a relative import
    // would bundle a second copy into the function, whose classes fail the layer's instanceof.
    files: ['lambdas/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/layers/core', '**/layers/core/**'],
              message: "Import the core from '@tailor/core' (layers/core/index.ts), the layer.",
            },
          ],
        },
      ],
    },
  },
);
