import { runnerSuite } from '../shared/runner-suite';

runnerSuite('vitest');
