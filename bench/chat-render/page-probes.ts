/**
 * Measurements that run inside the page (passed to page.evaluate, so each function must be
 * self-contained). The node tsconfig has no DOM types: the few browser APIs used are typed here.
 */

interface ProbeEvent {
  type: string;
  text?: string;
}
interface MutationRecordLike {
  target: { getAttribute(name: string): string | null };
  oldValue: string | null;
}
interface PageGlobals {
  requestAnimationFrame(callback: (time: number) => void): number;
  performance: { now(): number };
  document: { body: unknown };
  MutationObserver: new (callback: (records: MutationRecordLike[]) => void) => {
    observe(target: unknown, options: object): void;
    disconnect(): void;
  };
  MessageChannel: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(value: unknown): void } };
  tallychat: { onEvent(listener: (event: ProbeEvent) => void): () => void };
  __streamProbe?: StreamProbe;
  __frameProbe?: { frames: number[]; running: boolean };
}

export interface StreamProbe {
  /** rAF timestamps while the answer streamed. */
  frames: number[];
  /** When each chat.delta arrived, and the answer's length in characters once it is applied. */
  arrivals: { at: number; chars: number }[];
  /** Arrival → the end of the first rendering update that showed it, per delta. */
  latencies: number[];
  firstDeltaAt: number;
  finishedAt: number;
  chars: number;
  /** The most characters the streaming message was seen showing. */
  shownChars: number;
  done: boolean;
}

/**
 * Samples every animation frame and, for each delta, the time until a frame showed its text:
 * the app marks the streaming message with `data-streaming-chars`; a MutationObserver sees the
 * commit (inside that frame's rAF phase), and a MessageChannel task posted then runs right after
 * the frame's style, layout and paint.
 */
export function installStreamProbe(): void {
  const page = globalThis as unknown as PageGlobals;
  const probe: StreamProbe = { frames: [], arrivals: [], latencies: [], firstDeltaAt: 0, finishedAt: 0, chars: 0, shownChars: 0, done: false };
  page.__streamProbe = probe;
  const tick = (time: number) => {
    probe.frames.push(time);
    if (!probe.done) page.requestAnimationFrame(tick);
  };
  page.requestAnimationFrame(tick);

  let nextUnpainted = 0;
  const afterPaint = new page.MessageChannel();
  let waiting: number[] = [];
  afterPaint.port1.onmessage = () => {
    const paintedAt = page.performance.now();
    for (const arrivedAt of waiting) probe.latencies.push(paintedAt - arrivedAt);
    waiting = [];
  };
  const observer = new page.MutationObserver((records) => {
    // The last text of an answer is committed and, in the same task, the message stops being
    // the streaming one (its attribute goes): the removal record still carries the old value.
    const shown = Math.max(...records.map((r) => Number(r.target.getAttribute('data-streaming-chars') ?? r.oldValue ?? -1)));
    probe.shownChars = Math.max(probe.shownChars, shown);
    const newlyShown: number[] = [];
    while (nextUnpainted < probe.arrivals.length && probe.arrivals[nextUnpainted]!.chars <= shown) {
      newlyShown.push(probe.arrivals[nextUnpainted]!.at);
      nextUnpainted++;
    }
    if (newlyShown.length === 0) return;
    if (waiting.length === 0) afterPaint.port2.postMessage(0);
    waiting.push(...newlyShown);
  });
  observer.observe(page.document.body, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-streaming-chars'] });

  page.tallychat.onEvent((event) => {
    const now = page.performance.now();
    if (event.type === 'chat.delta' && event.text) {
      if (probe.firstDeltaAt === 0) probe.firstDeltaAt = now;
      probe.chars += event.text.length;
      probe.arrivals.push({ at: now, chars: probe.chars });
    } else if (event.type === 'chat.finished') {
      probe.finishedAt = now;
      // A few more frames, then stop sampling.
      setTimeout(() => {
        probe.done = true;
        observer.disconnect();
      }, 200);
    }
  });
}

export function readStreamProbe(): StreamProbe | undefined {
  const probe = (globalThis as unknown as PageGlobals).__streamProbe;
  return probe?.done ? probe : undefined;
}

export function startFrameProbe(): void {
  const page = globalThis as unknown as PageGlobals;
  const probe = { frames: [] as number[], running: true };
  page.__frameProbe = probe;
  const tick = (time: number) => {
    probe.frames.push(time);
    if (probe.running) page.requestAnimationFrame(tick);
  };
  page.requestAnimationFrame(tick);
}

export function stopFrameProbe(): number[] {
  const page = globalThis as unknown as PageGlobals;
  const probe = page.__frameProbe;
  if (!probe) return [];
  probe.running = false;
  return probe.frames;
}

/** Frame durations: the gaps between consecutive frames within [from, to]. */
export function frameTimes(frames: readonly number[], from = -Infinity, to = Infinity): number[] {
  const inside = frames.filter((t) => t >= from && t <= to);
  return inside.slice(1).map((t, i) => t - inside[i]!);
}
