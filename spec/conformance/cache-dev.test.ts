import { backend } from '../support/backends';
import { runConformance } from '../support/conformance';
import { cacheSuite } from './suites/cache';

runConformance(backend((process.env.DEV_BACKEND ?? 'pglite') as 'pglite'), { cache: cacheSuite });
