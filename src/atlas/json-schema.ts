/**
 * JSON Schema for editors, generated from the zod schemas in `schema.ts`
 * (the one definition of each record kind). `amur atlas schema` writes the
 * files to `data/atlas/schema/`; a test checks that the committed files equal
 * a fresh generation, so they never go stale.
 *
 * An editor with the YAML language server validates and completes an atlas
 * file that starts with
 *
 *   # yaml-language-server: $schema=../schema/atlas-file.schema.json
 *
 * The schemas describe the *input* (what an author writes): fields with a
 * default are optional, and unknown fields are rejected as the loader does.
 * Checks across records (ids that must exist, sides in two countries,
 * calendars in order) are not expressible in JSON Schema: `amur atlas
 * validate` makes them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { KIND_OF_LIST, RECORD_LISTS, type RecordList, RecordSchemas } from './schema.ts';

export const DEFAULT_SCHEMA_DIR = resolve(fileURLToPath(new URL('../../data/atlas/schema', import.meta.url)));

/** The file name of the atlas-file schema (one YAML file of the atlas). */
export const ATLAS_FILE_SCHEMA = 'atlas-file.schema.json';

const KIND_DESCRIPTIONS: Record<RecordList, string> = {
  sources: 'A source cited by other records (paper, official page, news, dataset…).',
  places:
    'A place: city, sea or river port, rail station or yard, dry port, airport, border post; names in en/zh/ru, [lon, lat] in WGS 84.',
  crossings:
    'A border crossing: two sides (place ids in two countries) and its services (bridge, ferry, pontoon, ice road, rail…), each with its own status history and calendar.',
  links:
    'A link between two places by one mode (rail, road, river, sea, air, pipeline, power, cable) with its length (published or estimated).',
  zones:
    'A zone: free trade zone or area, bonded zone, border economic cooperation zone, advanced development territory, free port, industrial layout.',
  corridors: 'A named corridor: an ordered chain of links (and the crossings it passes through).',
};

/** File name of the schema of one record kind, e.g. `place.schema.json`. */
export function kindSchemaFile(list: RecordList): string {
  return `${KIND_OF_LIST[list]}.schema.json`;
}

/** Rejects unknown fields in every object, as the loader does. */
function closeObjects(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  const js = ctx.jsonSchema;
  if (js.type === 'object' && js.properties && js.additionalProperties === undefined) {
    js.additionalProperties = false;
  }
}

function kindSchema(list: RecordList): Record<string, unknown> {
  const json = z.toJSONSchema(RecordSchemas[list] as z.ZodType, {
    io: 'input',
    unrepresentable: 'any',
    override: closeObjects as never,
  }) as Record<string, unknown>;
  const { $schema, ...rest } = json;
  return {
    $schema,
    title: `Amur atlas ${KIND_OF_LIST[list]}`,
    description: KIND_DESCRIPTIONS[list],
    ...rest,
  };
}

function atlasFileSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const list of RECORD_LISTS) {
    properties[list] = {
      type: 'array',
      description: `${list}: ${KIND_DESCRIPTIONS[list]}`,
      items: { $ref: `#/$defs/${KIND_OF_LIST[list]}` },
    };
  }
  const $defs: Record<string, unknown> = {};
  for (const list of RECORD_LISTS) {
    const { $schema: _s, ...def } = kindSchema(list);
    $defs[KIND_OF_LIST[list]] = def;
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Amur atlas file',
    description:
      'One YAML file of the Amur corridor atlas (data/atlas/**/*.yaml): any of the lists sources, places, crossings, links, zones, corridors. Cross-record checks are made by `amur atlas validate`.',
    type: 'object',
    properties,
    additionalProperties: false,
    $defs,
  };
}

/** Every schema file: name → JSON text (2-space indent, trailing newline). */
export function generateJsonSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  const text = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  for (const list of RECORD_LISTS) out.set(kindSchemaFile(list), text(kindSchema(list)));
  out.set(ATLAS_FILE_SCHEMA, text(atlasFileSchema()));
  return out;
}

/** Writes every schema file to `dir` (created if needed); returns the paths written. */
export function writeJsonSchemas(dir: string = DEFAULT_SCHEMA_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of generateJsonSchemas()) {
    const path = join(dir, name);
    writeFileSync(path, text);
    written.push(path);
  }
  return written;
}

/** Names of the schema files in `dir` that are missing or differ from a fresh generation. */
export function staleJsonSchemas(dir: string = DEFAULT_SCHEMA_DIR): string[] {
  const stale: string[] = [];
  for (const [name, text] of generateJsonSchemas()) {
    let current: string | undefined;
    try {
      current = readFileSync(join(dir, name), 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== text) stale.push(name);
  }
  return stale;
}
