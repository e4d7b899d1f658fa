/**
 * Runs the route semantics suite against the search kernels that give no
 * itinerary (the matrix, the one-to-all kernel, the assignment's cost tree),
 * each through its adapter (kernels.ts): every rule whose needs the kernel
 * provides, on the same tiny atlases as the reference.
 */
import { costTreeKernel, matrixKernel, oneToAllKernel } from './kernels.ts';
import { routeSemanticsFor } from './suite.ts';

routeSemanticsFor(matrixKernel);
routeSemanticsFor(oneToAllKernel);
routeSemanticsFor(costTreeKernel);
