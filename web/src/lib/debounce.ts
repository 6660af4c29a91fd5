export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** Runs `run` with the last value given, once no new value has come for `ms`. */
export class Debouncer<T> {
  private handle: unknown;

  constructor(
    private readonly run: (value: T) => void,
    private readonly ms: number,
    private readonly timers: Timers = realTimers,
  ) {}

  push(value: T): void {
    this.cancel();
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined;
      this.run(value);
    }, this.ms);
  }

  cancel(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
