/**
 * The app's state lives in the URL's query string, so that a view, a route
 * query or a chart can be shared, reloaded or reached with Back. Views read
 * their parameters with `param()` and write them with `setParams()`.
 */
type Listener = () => void;
const listeners = new Set<Listener>();

export function params(): URLSearchParams {
  return new URLSearchParams(location.search);
}

export function param(name: string): string | null {
  return params().get(name);
}

/**
 * Sets (or, with `undefined`/'' , removes) parameters. `push` adds a history
 * entry (a submitted query); the default replaces the current one (a slider).
 */
export function setParams(patch: Record<string, string | number | undefined | null>, push = false): void {
  const p = params();
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === null || v === '') p.delete(k);
    else p.set(k, String(v));
  }
  const qs = p.toString();
  const url = `${location.pathname}${qs ? `?${qs}` : ''}${location.hash}`;
  if (url === `${location.pathname}${location.search}${location.hash}`) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

/** Called when the user goes Back/Forward. */
export function onNavigate(fn: Listener): void {
  listeners.add(fn);
}

window.addEventListener('popstate', () => {
  for (const fn of listeners) fn();
});

/** Today's date, local, as YYYY-MM-DD. */
export function todayIso(): string {
  const d = new Date();
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${m}-${day}`;
}

export function isIsoDate(s: string | null): s is string {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
