/**
 * A query's rows in chunks (DuckDB's streaming result, about 2,048 rows a
 * chunk), for answers of any size in bounded memory: the CLI's `trade query`
 * writes each chunk as it arrives instead of building the whole result.
 *
 *   for await (const rows of streamRows(store, flowQuerySql(q))) write(rows);
 */
import { plainRow, type Row, type Store } from './store.ts';

/** The rows of `sql` (one SELECT, no parameters), chunk by chunk, as `Store.query` would return them. */
export async function* streamRows(store: Store, sql: string): AsyncGenerator<Row[]> {
  const result = await store.connection.stream(sql);
  for await (const chunk of result.yieldRowObjectJs()) {
    if (chunk.length > 0) yield chunk.map((r) => plainRow(r as Record<string, unknown>));
  }
}
