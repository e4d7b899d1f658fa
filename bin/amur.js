#!/usr/bin/env node
// Entry point of the `amur` command: runs the TypeScript sources through tsx,
// so there is no build step between `npm install` and `npx amur`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
