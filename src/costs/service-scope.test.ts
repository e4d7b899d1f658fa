import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { serviceFor } from './model.ts';
import { DEFAULT_PROFILE_FILE, loadProfile, ProfileError } from './profile.ts';
import { withServiceFirst } from './service-choice.ts';

/** The bundled profile with `patch` applied to its china-europe-express class, written to a temporary file. */
function profileFileWith(patch: (service: Record<string, unknown>) => void): string {
  const data = parse(readFileSync(DEFAULT_PROFILE_FILE, 'utf8'));
  const express = data.services.find((s: { id: string }) => s.id === 'china-europe-express');
  patch(express);
  const file = join(mkdtempSync(join(tmpdir(), 'amur-scope-')), 'scoped.yaml');
  writeFileSync(file, stringify(data));
  return file;
}

function problemsOf(file: string): string {
  try {
    loadProfile(file);
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileError);
    return (e as Error).message;
  }
  throw new Error('the profile loaded');
}

describe('service class scope (profile services[].scope)', () => {
  it('scopes the bundled China–Europe express to the China–Europe gateways and the EU’s', () => {
    const p = loadProfile();
    const express = p.services.find((s) => s.id === 'china-europe-express');
    expect(express?.scope?.crossings).toEqual([
      [
        'manzhouli-zabaykalsk',
        'suifenhe-grodekovo',
        'erenhot-zamyn-uud',
        'alashankou-dostyk',
        'khorgos-altynkol',
      ],
      ['brest-malaszewicze'],
    ]);
    // a scoped class is never the first match; named, its scope is lifted and it is
    expect(serviceFor(p, 'rail', 'feu')?.id).toBe('container-block-train');
    expect(serviceFor(withServiceFirst(p, 'china-europe-express'), 'rail', 'feu')?.id).toBe(
      'china-europe-express',
    );
  });

  it('refuses a scope on a class that is not rail, naming the file, the field and the service', () => {
    const file = profileFileWith((s) => {
      s.mode = 'sea';
    });
    const msg = problemsOf(file);
    expect(msg).toContain(file.split('/').pop());
    expect(msg).toMatch(/services\[\d+\]\.scope/);
    expect(msg).toContain('"china-europe-express" (mode sea): only rail classes take a scope');
  });

  it('refuses a crossing listed twice, a flat list and an unknown field, saying what is valid', () => {
    const twice = problemsOf(
      profileFileWith((s) => {
        s.scope = { crossings: [['alashankou-dostyk'], ['alashankou-dostyk']] };
      }),
    );
    expect(twice).toMatch(/services\[\d+\]\.scope\.crossings\[1\]\[0\]/);
    expect(twice).toContain('each crossing once in the scope of service "china-europe-express"');
    const flat = problemsOf(
      profileFileWith((s) => {
        s.scope = { crossings: ['alashankou-dostyk'] };
      }),
    );
    expect(flat).toMatch(/services\[\d+\]\.scope\.crossings\[0\]/);
    const unknown = problemsOf(
      profileFileWith((s) => {
        s.scope = { corridors: ['china-europe-via-alashankou'] };
      }),
    );
    expect(unknown).toMatch(/services\[\d+\]\.scope/);
    expect(unknown).toContain('corridors');
  });
});
