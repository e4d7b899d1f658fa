/**
 * Reading a source's title translations (`sources.titles`, migration 013)
 * from any store: one made before 013 that this user cannot write is opened
 * read-only as it is (the migration is readers-optional), and its sources
 * read as having no translations.
 */
import { hasColumn, type Store } from './store.ts';

/** The SQL expression of a source's translations as a JSON string (NULL on a store without the column). */
export async function sourceTitlesSql(store: Store): Promise<string> {
  return (await hasColumn(store, 'sources', 'titles')) ? 'CAST(titles AS VARCHAR)' : 'CAST(NULL AS VARCHAR)';
}
