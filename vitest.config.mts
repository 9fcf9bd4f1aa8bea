import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Synthesizing CDK apps with cdk-nag and CloudFormation Validate takes a few seconds per stack.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
