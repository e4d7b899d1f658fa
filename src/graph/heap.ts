/**
 * The one priority queue of Amur's searches: an indexed binary min-heap of
 * integer ids (nodes, or labels) keyed by float64 priorities, with
 * decrease-key, on three typed arrays. Used by the static kernels
 * (`static.ts`, `ch.ts`) and by the router's searches (`routing/search.ts`:
 * labels and lower bounds; `routing/tree.ts`: the one-to-all kernel).
 *
 * An id is in the heap at most once: pushing an id already in it lowers its
 * key (a higher key is ignored); `set` also raises it. The capacity is a hint:
 * pushing an id beyond it grows the arrays (label searches do not know their
 * label count in advance).
 */
export class IndexedMinHeap {
  private heapNodes: Int32Array;
  private heapKeys: Float64Array;
  /** Position of each id in the heap, −1 when absent. */
  private position: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    const n = Math.max(1, capacity);
    this.heapNodes = new Int32Array(n);
    this.heapKeys = new Float64Array(n);
    this.position = new Int32Array(n).fill(-1);
  }

  /** Grows every array to hold ids below `need` (at least doubling). */
  private grow(need: number): void {
    const n = Math.max(need, this.position.length * 2);
    const nodes = new Int32Array(n);
    nodes.set(this.heapNodes);
    const keys = new Float64Array(n);
    keys.set(this.heapKeys);
    const pos = new Int32Array(n).fill(-1);
    pos.set(this.position);
    this.heapNodes = nodes;
    this.heapKeys = keys;
    this.position = pos;
  }

  /** Empties the heap in O(size). */
  clear(): void {
    for (let i = 0; i < this.size; i++) this.position[this.heapNodes[i]] = -1;
    this.size = 0;
  }

  contains(node: number): boolean {
    return node < this.position.length && this.position[node] >= 0;
  }

  /** Smallest key (Infinity when empty). */
  topKey(): number {
    return this.size > 0 ? this.heapKeys[0] : Number.POSITIVE_INFINITY;
  }

  /** Inserts `node` or lowers its key (a higher key is ignored). */
  push(node: number, key: number): void {
    if (node >= this.position.length) this.grow(node + 1);
    let i = this.position[node];
    if (i < 0) {
      i = this.size++;
    } else if (key >= this.heapKeys[i]) {
      return;
    }
    // sift up from i
    const nodes = this.heapNodes;
    const keys = this.heapKeys;
    const pos = this.position;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent];
      if (pk <= key) break;
      const pn = nodes[parent];
      nodes[i] = pn;
      keys[i] = pk;
      pos[pn] = i;
      i = parent;
    }
    nodes[i] = node;
    keys[i] = key;
    pos[node] = i;
  }

  /** Key of `node` while it is in the heap (NaN otherwise). */
  keyOf(node: number): number {
    const i = node < this.position.length ? this.position[node] : -1;
    return i >= 0 ? this.heapKeys[i] : Number.NaN;
  }

  /** Inserts `node` or sets its key, raising or lowering it. */
  set(node: number, key: number): void {
    const i = node < this.position.length ? this.position[node] : -1;
    if (i < 0 || key <= this.heapKeys[i]) {
      this.push(node, key);
      return;
    }
    this.siftDown(i, node, key);
  }

  private siftDown(start: number, node: number, key: number): void {
    const nodes = this.heapNodes;
    const keys = this.heapKeys;
    const pos = this.position;
    const n = this.size;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1] < keys[child]) child++;
      if (keys[child] >= key) break;
      const cn = nodes[child];
      nodes[i] = cn;
      keys[i] = keys[child];
      pos[cn] = i;
      i = child;
    }
    nodes[i] = node;
    keys[i] = key;
    pos[node] = i;
  }

  /** Removes and returns the id with the smallest key (−1 when empty). */
  pop(): number {
    if (this.size === 0) return -1;
    const nodes = this.heapNodes;
    const top = nodes[0];
    this.position[top] = -1;
    const n = --this.size;
    if (n === 0) return top;
    this.siftDown(0, nodes[n], this.heapKeys[n]);
    return top;
  }
}
