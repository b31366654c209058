import { runnerSuite } from '../shared/runner-suite';

runnerSuite('swc-jest');
