// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * The core's folders, lowest first: each imports only folders before it, so no two folders
 * import each other and nothing but operations/ maps the wire (docs/design.md, "Layers").
 */
const CORE_LAYERS = [
  'domain',
  'api',
  'cache',
  'store',
  'context',
  'auth',
  'resources',
  'data',
  'filters',
  'recipes',
  'training',
  'serving',
  'jobs',
  'operations',
];

/** The adapters that talk to AWS: the only core files that may import its SDK. */
const AWS_ADAPTERS = [
  'layers/core/context/aws*.ts',
  'layers/core/store/dynamodb/**',
  'layers/core/store/eventbridge/**',
  'layers/core/store/iam/**',
  'layers/core/store/s3/**',
  'layers/core/store/sfn/**',
];

/** The core knows no AWS (docs/design.md): only the adapters may talk to it. */
const NO_AWS = [
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
    message: 'The core knows no AWS: use a port from layers/core/store/.',
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
];

/** The folders above `layer`, which it may not import. */
function aboveLayer(layer) {
  const above = CORE_LAYERS.slice(CORE_LAYERS.indexOf(layer) + 1);
  return above.length === 0
    ? []
    : [
        {
          regex: `^(\\.\\./)+(${above.join('|')})(/|$)`,
          message: `${layer}/ is below ${above.join(', ')} in the core's layers (eslint.config.mjs, CORE_LAYERS): move what both need down, or the importer up.`,
        },
      ];
}

const restricted = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

/** Per folder: its layer's rule, and no AWS outside the adapters. */
function coreImportRules() {
  return [
    { files: ['layers/core/*.ts'], rules: restricted(NO_AWS) },
    ...CORE_LAYERS.flatMap((layer) => [
      {
        files: [`layers/core/${layer}/**/*.ts`],
        ignores: AWS_ADAPTERS,
        rules: restricted([...NO_AWS, ...aboveLayer(layer)]),
      },
      {
        files: AWS_ADAPTERS.filter((glob) => glob.startsWith(`layers/core/${layer}/`)),
        rules: restricted(aboveLayer(layer)),
      },
    ]),
  ].filter(
    (config) => config.files.length > 0 && Object.values(config.rules)[0][1].patterns.length > 0,
  );
}

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
  ...coreImportRules(),
  // The console (docs/console.md): React's rules of hooks, which its own plugin knows.
  { files: ['console/src/**/*.{ts,tsx}'], ...reactHooks.configs.flat['recommended-latest'] },
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
