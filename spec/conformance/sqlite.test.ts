import { backend } from '../support/backends';
import { runConformance } from '../support/conformance';
import { allSuites } from './all-suites';

runConformance(backend('sqlite'), allSuites);
