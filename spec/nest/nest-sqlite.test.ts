import { backend } from '../support/backends';
import { runNestSuite } from './support/nest-suite';

runNestSuite(backend('sqlite'));
