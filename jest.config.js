/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // tsconfig's isolatedModules makes ts-jest transpile only; `tsc --noEmit` in `npm test` checks types once.
  transform: {
    '^.+\\.ts$': 'ts-jest',
    // @middy/core ships ES modules only, which jest's CommonJS runtime cannot require.
    '/node_modules/@middy/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true } }],
  },
  // The handlers import the core as the layer's package (tsconfig.json "paths", lib/core-layer.ts).
  moduleNameMapper: { '^@tailor/core$': '<rootDir>/layers/core/index.ts' },
  transformIgnorePatterns: ['/node_modules/(?!@middy/)'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 30000,
};
