// jest test sequencer: the per-backend conformance files first. They only call the shared suites, so they are
// the smallest files, and jest's first-run order (by file size, before it has timings) would start the longest
// runs last; the rest keeps jest's order. Plain CommonJS: jest loads the sequencer without transforming it.
'use strict';

const Sequencer = require('@jest/test-sequencer').default;

const conformanceRun = /[\\/]spec[\\/]conformance[\\/](mongodb|pglite|postgres|sqlite)\.test\.ts$/;

class ConformanceFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    return [...sorted.filter((t) => conformanceRun.test(t.path)), ...sorted.filter((t) => !conformanceRun.test(t.path))];
  }
}

module.exports = ConformanceFirst;
