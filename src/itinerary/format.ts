/**
 * How an itinerary's numbers and names are written: durations, US dollars,
 * CO2e, a crossing's service. Used by the itinerary builder, the route
 * summary and the command line.
 */

export function formatDuration(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${round1(hours)} h`;
  return `${round1(hours / 24)} days`;
}

/** One decimal (km, hours). */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

export function formatUsd(x: number): string {
  return `$${Math.round(x).toLocaleString('en-US')}`;
}

export function formatCo2(kg: number): string {
  return kg >= 1000 ? `${round1(kg / 1000)} t CO2e` : `${Math.round(kg)} kg CO2e`;
}

/** "Blagoveshchensk – Heihe road bridge" rather than "Heihe – Blagoveshchensk Blagoveshchensk – Heihe road bridge". */
export function serviceLabel(crossingName: string, serviceName: string): string {
  return /[–—]/.test(serviceName) ? serviceName : `${crossingName} ${serviceName}`;
}
