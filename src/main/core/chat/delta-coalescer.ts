/**
 * Collects text and reasoning deltas and hands them on at most once per interval: a 2,000
 * tokens/s stream becomes ~60 events a second, not 2,000 IPC messages.
 */
export class DeltaCoalescer {
  private text = '';
  private reasoning = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (text: string, reasoning: string) => void,
  ) {}

  push(kind: 'text' | 'reasoning', delta: string): void {
    if (kind === 'text') this.text += delta;
    else this.reasoning += delta;
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Emits whatever is buffered now (called before the request's final event). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.text && !this.reasoning) return;
    const text = this.text;
    const reasoning = this.reasoning;
    this.text = '';
    this.reasoning = '';
    this.emit(text, reasoning);
  }
}
