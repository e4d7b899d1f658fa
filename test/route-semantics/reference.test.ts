/** Runs the route semantics suite against the reference backend: compileNetwork + route. */
import { compileNetwork } from '../../src/network/compile.ts';
import { route } from '../../src/routing/index.ts';
import { routeSemantics } from './suite.ts';

routeSemantics('reference (compileNetwork + route)', (atlas, profile, query) =>
  route(compileNetwork(atlas, profile), query),
);
