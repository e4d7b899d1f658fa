/**
 * The data a trade store loads on first use, composed in one place and
 * handed to `openStore`: the reference tables (regions, exchange rates, the
 * HS nomenclature) and the seed papers' tables. The store itself knows none
 * of them, so the direction stays importers → store → analysis.
 *
 *   const store = await openTradeStore(path);                 // what the faces use
 *   const store = await openTradeStore(path, { readOnly: true }); // read-only commands, `serve --read-only`
 *   const bare = await openStore(':memory:', { hooks: referenceDataHooks }); // tests without seed tables
 */
import { hsNomenclatureHook } from './nomenclature.ts';
import { exchangeRatesHook } from './rates.ts';
import { regionsHook } from './regions.ts';
import { seedTablesHook } from './seed.ts';
import { type FirstUseHook, type OpenStoreOptions, openStore, type Store } from './store.ts';

/** Regions, exchange rates and the HS nomenclature: what importers and indicators need. */
export const referenceDataHooks: readonly FirstUseHook[] = [
  regionsHook,
  exchangeRatesHook,
  hsNomenclatureHook,
];

/** The reference data, then the seed tables (which need the reference data). */
export const firstUseHooks: readonly FirstUseHook[] = [...referenceDataHooks, seedTablesHook];

/** Opens the trade store with every first-use hook (see `openStore` for the path and options). */
export function openTradeStore(path?: string, options: OpenStoreOptions = {}): Promise<Store> {
  return openStore(path, { hooks: firstUseHooks, ...options });
}
