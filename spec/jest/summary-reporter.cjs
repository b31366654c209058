// jest reporter that prepares the run's closing lines: the backend banner again, every test skipped by
// capability or by a missing backend (their titles carry the reason: "[skipped: ...]"), and one plain line of
// counts. jest's own summary is printed after every reporter, so the global teardown (which runs after it)
// prints these lines, handed over in ESSENCIA_TEST_CLOSING (see spec/jest/run-env.ts).
// Plain CommonJS: jest loads reporters without transforming them.
'use strict';

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = [];
    let brokenFiles = 0;
    for (const file of results.testResults) {
      if (file.testExecError) brokenFiles += 1;
      for (const test of file.testResults) {
        if (test.status === 'pending' && test.title.includes('[skipped: ')) skipped.push(test.fullName);
      }
    }
    const lines = ['', process.env.ESSENCIA_TEST_BANNER ?? '(no backend banner: the global setup did not run)'];
    if (skipped.length) lines.push(`Skipped by capability or missing backend (${skipped.length}):`, ...skipped.map((t) => `  - ${t}`));
    const failed = results.numFailedTests + brokenFiles;
    const skippedCount = results.numPendingTests + results.numTodoTests;
    lines.push('', `essencia: ${results.numPassedTests} passed, ${failed} failed, ${skippedCount} skipped`, '');
    process.env.ESSENCIA_TEST_CLOSING = lines.join('\n');
  }
}

module.exports = SummaryReporter;
