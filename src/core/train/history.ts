/**
 * A training curve that stays small however long the run: past `max` points, every other point is
 * dropped and only every second step is kept from then on, so memory is bounded (a run of a
 * billion steps keeps at most 2·max points) and the curve still spans the whole run. The newest
 * point is always kept, so the curve ends where the run is.
 */
export class ThinnedHistory<T extends { readonly step: number }> {
  #points: T[] = [];
  #stride = 1;
  #latest: T | undefined;

  constructor(private readonly max = 2000) {}

  push(point: T): void {
    this.#latest = point;
    if (point.step % this.#stride !== 0) return;
    this.#points.push(point);
    if (this.#points.length > 2 * this.max) {
      this.#points = this.#points.filter((_, i) => i % 2 === 0);
      this.#stride *= 2;
    }
  }

  /** The newest point pushed. */
  get latest(): T | undefined {
    return this.#latest;
  }

  /** The kept points in step order, ending with the newest. */
  points(): T[] {
    const out = this.#points.slice();
    if (this.#latest && out[out.length - 1] !== this.#latest) out.push(this.#latest);
    return out;
  }
}
