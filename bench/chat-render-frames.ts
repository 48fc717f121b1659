/**
 * Chat rendering in Chromium: frame times while a ~2,000 tokens/s stream renders a ~4,000-token
 * answer with code blocks, the delay from a chat.delta's arrival in the page to the paint that
 * shows it, and frame times while scrolling a 1,000-message conversation.
 * Run: npx electron-vite build && npx tsx bench/chat-render-frames.ts
 * (Serves the built renderer from out/renderer, or TALLYCHAT_RENDERER_DIR.)
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import config from '../playwright.config';
import { startHarness, type Harness } from '../test/harness/start-harness';
import { benchAnswer } from './chat-render/bench-answer';
import { frameTimes, installStreamProbe, readStreamProbe, startFrameProbe, stopFrameProbe, type StreamProbe } from './chat-render/page-probes';
import { median, ms, percentile } from './chat-render/stats';

const RUNS = 5;
const TOKENS = 4000;
const CHARS_PER_TOKEN = 8;
/** 80 characters (10 tokens) per event, an event every ~5 ms (a 4 ms pause plus the write): ~2,000 tokens/s. */
const DELTA_CHARS = 80;
const DELAY_MS = 4;
const SCROLL_MESSAGES = 1000;

interface StreamRun {
  p50: number;
  p95: number;
  worst: number;
  latencyP50: number;
  latencyP95: number;
  tokensPerSecond: number;
}

async function openPage(browser: Browser, harness: Harness): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // tsx wraps functions in __name(...) for their names; the page has no such helper.
  await page.addInitScript('globalThis.__name = (fn) => fn');
  await page.goto(harness.server.url);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  return page;
}

async function streamRun(browser: Browser, harness: Harness, answer: string): Promise<StreamRun> {
  const page = await openPage(browser, harness);
  harness.fake.enqueue({ text: answer, deltaChars: DELTA_CHARS, delayMs: DELAY_MS });
  await page.evaluate(installStreamProbe);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('Write the long answer');
  await box.press('Enter');
  let probe: StreamProbe | undefined;
  while (!(probe = await page.evaluate(readStreamProbe))) await page.waitForTimeout(100);
  await page.close();

  if (probe.chars !== answer.length) throw new Error(`the page saw ${probe.chars} of ${answer.length} characters`);
  if (probe.latencies.length !== probe.arrivals.length) {
    const unseen = probe.arrivals.slice(probe.latencies.length).map((a) => a.chars);
    throw new Error(`deltas never seen painted, up to ${unseen.join(', ')} characters; the page showed ${probe.shownChars}`);
  }
  const frames = frameTimes(probe.frames, probe.firstDeltaAt, probe.finishedAt);
  const seconds = (probe.finishedAt - probe.firstDeltaAt) / 1000;
  return {
    p50: percentile(frames, 50),
    p95: percentile(frames, 95),
    worst: Math.max(...frames),
    latencyP50: percentile(probe.latencies, 50),
    latencyP95: percentile(probe.latencies, 95),
    tokensPerSecond: answer.length / CHARS_PER_TOKEN / seconds,
  };
}

function seedLongConversation(harness: Harness): void {
  const now = Date.now() - SCROLL_MESSAGES * 1000;
  harness.core.conversations.create({ id: 'bench-long', title: 'Bench: a thousand messages', providerId: 'openai', model: 'gpt-4o-mini' }, now);
  const insert = harness.core.store.sqlite.prepare(
    "INSERT INTO messages (id, conversation_id, role, content, status, created_at) VALUES (?, ?, ?, ?, 'complete', ?)",
  );
  const answerText = benchAnswer(1500);
  harness.core.store.sqlite.transaction(() => {
    for (let i = 0; i < SCROLL_MESSAGES; i++) {
      const user = i % 2 === 0;
      insert.run(`bench-long-${i}`, 'bench-long', user ? 'user' : 'assistant', user ? `Question ${i}` : `Answer ${i}\n\n${answerText}`, now + i * 1000);
    }
  })();
}

async function scrollRun(browser: Browser, harness: Harness): Promise<{ p50: number; p95: number; worst: number }> {
  const page = await openPage(browser, harness);
  await page.getByRole('button', { name: /^Bench: a thousand messages/ }).click();
  await page.getByText(`Answer ${SCROLL_MESSAGES - 1}`, { exact: true }).waitFor();
  await page.locator('.message-scroller').hover();
  await page.evaluate(startFrameProbe);
  // Flick up through the conversation the way a trackpad does: many small wheel steps.
  for (let i = 0; i < 150; i++) {
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(16);
  }
  const frames = frameTimes(await page.evaluate(stopFrameProbe));
  await page.close();
  return { p50: percentile(frames, 50), p95: percentile(frames, 95), worst: Math.max(...frames) };
}

async function main(): Promise<void> {
  const harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o-mini'] });
  const browser = await chromium.launch(config.use?.launchOptions ?? {});
  try {
    const answer = benchAnswer(TOKENS * CHARS_PER_TOKEN);
    const fences = answer.split('```').length - 1;
    console.log(`answer: ${answer.length} characters (~${Math.round(answer.length / CHARS_PER_TOKEN)} tokens), ${fences / 2} code blocks`);
    await streamRun(browser, harness, answer); // warm-up: tokenizer, JIT, highlight.js grammars
    const runs: StreamRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await streamRun(browser, harness, answer);
      runs.push(run);
      console.log(
        `run ${i + 1}: ${run.tokensPerSecond.toFixed(0)} tok/s · frame p50 ${ms(run.p50)} p95 ${ms(run.p95)} worst ${ms(run.worst)}` +
          ` · delta-to-paint p50 ${ms(run.latencyP50)} p95 ${ms(run.latencyP95)}`,
      );
    }
    const pick = (f: (r: StreamRun) => number) => median(runs.map(f));
    console.log(`\nstreaming, medians of ${RUNS} runs (target: frame p95 ≤ 33 ms)`);
    console.log(`  rate            ${pick((r) => r.tokensPerSecond).toFixed(0)} tokens/s`);
    console.log(`  frame time      p50 ${ms(pick((r) => r.p50))}   p95 ${ms(pick((r) => r.p95))}   worst ${ms(pick((r) => r.worst))}`);
    console.log(`  delta-to-paint  p50 ${ms(pick((r) => r.latencyP50))}   p95 ${ms(pick((r) => r.latencyP95))}`);

    seedLongConversation(harness);
    const scrolls = [];
    for (let i = 0; i < 3; i++) scrolls.push(await scrollRun(browser, harness));
    console.log(`\nscrolling ${SCROLL_MESSAGES} messages, medians of ${scrolls.length} runs`);
    console.log(
      `  frame time      p50 ${ms(median(scrolls.map((s) => s.p50)))}   p95 ${ms(median(scrolls.map((s) => s.p95)))}   worst ${ms(median(scrolls.map((s) => s.worst)))}`,
    );
  } finally {
    await browser.close();
    await harness.close();
  }
}

await main();
