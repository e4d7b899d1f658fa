/** Runs the route semantics suite against the reference backend: compileNetwork + route. */
import { reference } from './kernels.ts';
import { routeSemanticsFor } from './suite.ts';

routeSemanticsFor(reference);
