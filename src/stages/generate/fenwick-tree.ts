// A growable Fenwick (binary indexed) tree of weights: picks a customer with probability
// proportional to their purchase rate in O(log n), and drops them in O(log n) when they churn.

export class FenwickTree {
  private tree = new Float64Array(1024);
  private weights = new Float64Array(1024);
  private count = 0;
  private sum = 0;

  get size(): number {
    return this.count;
  }

  get total(): number {
    return this.sum;
  }

  weightOf(slot: number): number {
    return this.weights[slot] ?? 0;
  }

  /** Appends a slot with `weight`; returns its index. */
  push(weight: number): number {
    if (this.count === this.weights.length) this.grow();
    const slot = this.count++;
    const n = this.count;
    this.weights[slot] = weight;
    this.sum += weight;
    // The new node covers (n - lowbit(n), n]: its own weight plus the nodes below it.
    let node = weight;
    for (let j = n - 1, stop = n - (n & -n); j > stop; j -= j & -j) node += this.tree[j - 1]!;
    this.tree[n - 1] = node;
    return slot;
  }

  set(slot: number, weight: number): void {
    this.add(slot, weight - (this.weights[slot] ?? 0));
  }

  /** The slot where the running sum first exceeds `target` (0 <= target < total). */
  find(target: number): number {
    let position = 0;
    let remaining = target;
    let step = 1;
    while (step * 2 <= this.count) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = position + step;
      if (next <= this.count && this.tree[next - 1]! <= remaining) {
        position = next;
        remaining -= this.tree[next - 1]!;
      }
    }
    return Math.min(position, this.count - 1);
  }

  private add(slot: number, delta: number): void {
    this.weights[slot] = (this.weights[slot] ?? 0) + delta;
    this.sum += delta;
    for (let i = slot + 1; i <= this.count; i += i & -i) this.tree[i - 1]! += delta;
  }

  private grow(): void {
    const weights = new Float64Array(this.weights.length * 2);
    weights.set(this.weights);
    this.weights = weights;
    const tree = new Float64Array(this.tree.length * 2);
    tree.set(this.tree);
    this.tree = tree;
  }
}
