import { defineConfig } from 'vitest/config';

// Unit tests of the pages' pure parts (the replay's fold, the live feed's sequencing), in Node: no browser, no server.
// The JUnit report lets scripts/test.sh count them with the C# tests.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    reporters: process.env.VITEST_JUNIT ? ['default', ['junit', { outputFile: process.env.VITEST_JUNIT }]] : ['default'],
  },
});
