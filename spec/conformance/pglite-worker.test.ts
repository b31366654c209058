import { runConformance } from '../support/conformance';
import { allSuites } from './all-suites';

// The same suites with PGlite in a worker thread (the route taken under jest's VM): same rows, same errors.
runConformance({ name: 'pglite', url: 'pglite://memory?thread=worker' }, allSuites);
