import { runnerSuite } from '../shared/runner-suite';

runnerSuite('ts-jest');
