// A small least-recently-used cache, for answers keyed by the normalised request.

/** A small least-recently-used cache of answers, keyed by the normalised request. */
export class AnswerCache<T> {
  private readonly entries = new Map<string, T>()
  constructor(private readonly capacity: number) {}
  /** Whether answers are kept at all: with none, a key need not even be made. */
  get enabled(): boolean {
    return this.capacity > 0
  }
  get(key: string): T | undefined {
    const value = this.entries.get(key)
    if (value !== undefined) {
      this.entries.delete(key)
      this.entries.set(key, value)
    }
    return value
  }
  set(key: string, value: T): void {
    if (this.capacity <= 0) return
    this.entries.delete(key)
    this.entries.set(key, value)
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string)
  }
}
