import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Synthesizing CDK apps with cdk-nag and CloudFormation Validate takes a few seconds per stack.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Test files share one module graph per worker instead of re-importing aws-cdk-lib and rebuilding its
    // CloudFormation validation engine for each file (about 2.5 s a file). Nothing may therefore keep state in a
    // module between tests: the suite must pass in any order (`npx vitest run --sequence.shuffle`).
    isolate: false,
  },
});
