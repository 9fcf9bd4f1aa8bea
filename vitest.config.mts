import * as path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The app imports the library by its package name; tests run it from its sources, as `cdk synth` does (tsconfig paths).
  resolve: {
    alias: {
      'cdk-guardduty-threat-detection': path.join(
        import.meta.dirname,
        'packages/construct-library/src/index.ts',
      ),
    },
  },
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
