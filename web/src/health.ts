/**
 * `GET /api/health` as the web app reads it: the server's own schema
 * (src/server/routes/health.ts), imported as a type only, so the page and the
 * API cannot drift apart.
 */
import type { z } from 'zod';
import type { Health as HealthSchema } from '../../src/server/routes/health.ts';

export type Health = z.infer<typeof HealthSchema>;
