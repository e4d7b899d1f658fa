/**
 * Answers kept by the server, bounded by their size in bytes, not by their
 * number: the least recently used go first when a new answer would pass the
 * budget, and an answer larger than an eighth of the budget is not kept at
 * all (it is answered, then forgotten).
 */
export class ByteCache<V extends string | Uint8Array = string> {
  private readonly entries = new Map<string, V>();
  private used = 0;

  constructor(readonly budgetBytes: number) {}

  /** Bytes an answer takes (a string: UTF-16 code units, as V8 keeps it at worst; bytes: their length). */
  static sizeOf(value: string | Uint8Array): number {
    return typeof value === 'string' ? value.length * 2 : value.byteLength;
  }

  get(key: string): V | undefined {
    const v = this.entries.get(key);
    if (v === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, v);
    return v;
  }

  /** Keeps `value` under `key` unless it is too large to keep; returns whether it was kept. */
  set(key: string, value: V): boolean {
    this.delete(key);
    const size = ByteCache.sizeOf(value) + ByteCache.sizeOf(key);
    if (size > this.budgetBytes / 8) return false;
    this.entries.set(key, value);
    this.used += size;
    for (const [k] of this.entries) {
      if (this.used <= this.budgetBytes) break;
      this.delete(k);
    }
    return true;
  }

  delete(key: string): void {
    const v = this.entries.get(key);
    if (v === undefined) return;
    this.entries.delete(key);
    this.used -= ByteCache.sizeOf(v) + ByteCache.sizeOf(key);
  }

  clear(): void {
    this.entries.clear();
    this.used = 0;
  }

  /** Bytes kept now. */
  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }
}
