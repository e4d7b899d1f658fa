/**
 * The audit's answer on the wire (`GET /api/trade/audit/:source`, `amur trade
 * audit --json`) as a zod schema: every finding's sentence by its code and
 * params, its clauses, the scale finding's details, the evidence its params
 * carry (a code with params, nested), and the regions' names in en/zh/ru.
 * Faces render it with texts.ts and evidence-texts.ts.
 */
import { z } from 'zod';
import type { Evidence } from './evidence-texts.ts';

/** Evidence: a code (`EVIDENCE_TEXTS`) and its params, any of which may be evidence again. */
export const EvidenceSchema: z.ZodType<Evidence> = z.lazy(() =>
  z.object({
    ev: z.string(),
    params: z.record(z.string(), EvidenceParamSchema),
  }),
) as unknown as z.ZodType<Evidence>;

const EvidenceParamSchema = z.union([
  z.string(),
  z.number(),
  z.null(),
  z.lazy(() => EvidenceSchema),
  z.array(z.union([z.string(), z.number(), z.null(), z.lazy(() => EvidenceSchema)])),
]);

/** A sentence or clause: its code (`FINDING_TEXTS`) and values. */
export const SaidSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), EvidenceParamSchema),
});

export const FindingDetailSchema = z
  .object({
    row: z.string().nullable(),
    column: z.string().nullable(),
    code: z.string().optional(),
    params: z.record(z.string(), EvidenceParamSchema).optional(),
    clauses: z.array(SaidSchema).optional(),
    message: z.string(),
  })
  .loose();

export const FindingSchema = z
  .object({
    severity: z.enum(['error', 'warning', 'info']),
    kind: z.string(),
    row: z.string().nullable(),
    column: z.string().nullable(),
    printed: z.string().nullable(),
    expected: z.object({ value: z.number(), min: z.number(), max: z.number() }).nullable(),
    code: z.string().optional(),
    params: z.record(z.string(), EvidenceParamSchema).optional(),
    clauses: z.array(SaidSchema).optional(),
    message: z.string(),
    details: z.array(FindingDetailSchema).optional(),
  })
  .loose();

/** A region's names by language (`AuditResult.names`). */
export const RegionNamesSchema = z.record(
  z.string(),
  z.object({ en: z.string().optional(), zh: z.string().optional(), ru: z.string().optional() }),
);

export const AuditResultSchema = z
  .object({
    source: z.string(),
    variant: z.enum(['as-printed', 'as-corrected']),
    findings: z.array(FindingSchema),
    names: RegionNamesSchema.optional(),
    summary: z.object({
      checks: z.number(),
      passed: z.number(),
      errors: z.number(),
      warnings: z.number(),
      infos: z.number(),
    }),
  })
  .loose();
