/** The key of a flow the audit compares values by, and the region hierarchy it walks. */

/** The key of a flow (what a value is about). */
export interface FlowKey {
  reporter: string;
  partner: string;
  year: number;
  flow: string;
  system: string;
  code: string;
  period: string;
  month: number | null;
}

export const keyStr = (k: FlowKey) =>
  `${k.reporter}|${k.partner}|${k.year}|${k.flow}|${k.system === 'TOTAL' ? 'TOTAL' : k.system}|${k.code}|${k.period}|${k.month ?? ''}`;

export const sameKey = (a: FlowKey, b: FlowKey) => keyStr(a) === keyStr(b);

/** The codes containing a region, nearest first (from the regions table, else the code's prefixes). */
export function ancestors(code: string, parents: Map<string, string | null>): string[] {
  const out: string[] = [];
  let c: string | null | undefined = code;
  for (let i = 0; i < 8; i++) {
    c = parents.get(c!) ?? prefixParent(c!);
    if (!c || out.includes(c)) break;
    out.push(c);
  }
  return out;
}

function prefixParent(code: string): string | null {
  const m = /^(.*)-[^-]+$/.exec(code);
  if (m && /^[A-Z]{2}-/.test(code)) return m[1];
  return null;
}
