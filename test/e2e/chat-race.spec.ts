import { expect, test, type Page } from '@playwright/test';
import { startHarness, type Harness } from '../harness/start-harness';
import { openChat, send, waitForFinal } from './chat-support';

/**
 * The race the window must survive: a short answer can end (chat.finished) before chatSend's
 * reply reaches the page. The WebSocket is routed so the reply is held until the end has been
 * delivered, every time: the order is forced, not hoped for.
 */
let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o-mini'] });
});

test.afterAll(async () => {
  await harness.close();
});

/** Holds each chatSend reply until the chat.finished event of its request has gone to the page. */
async function replyAfterTheEnd(page: Page): Promise<{ held: () => number }> {
  let held = 0;
  await page.routeWebSocket(/\/ws$/, (ws) => {
    const server = ws.connectToServer();
    const sends = new Set<number>();
    const waiting = new Map<string, string>();
    ws.onMessage((message) => {
      const call = JSON.parse(String(message)) as { id: number; channel: string };
      if (call.channel === 'tallychat:chatSend') sends.add(call.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const data = JSON.parse(String(message)) as
        | { kind: 'result'; id: number; result: { ok: boolean; value?: { requestId: string } } }
        | { kind: 'event'; event: { type: string; request?: { requestId: string } } };
      if (data.kind === 'result' && sends.has(data.id) && data.result.ok) {
        waiting.set(data.result.value!.requestId, String(message));
        held += 1;
        return;
      }
      ws.send(message);
      if (data.kind === 'event' && data.event.type === 'chat.finished') {
        const reply = waiting.get(data.event.request!.requestId);
        if (reply) ws.send(reply);
      }
    });
  });
  return { held: () => held };
}

test('an answer that ends before chatSend replies shows once, final, in a new chat and in the next turn', async ({ page }) => {
  const route = await replyAfterTheEnd(page);
  harness.fake.enqueue({ text: 'First answer, over before the reply.', usage: { input: 12, output: 8 } });
  harness.fake.enqueue({ text: 'Second answer, also early.', usage: { input: 30, output: 6 } });
  await openChat(page, harness);

  await send(page, 'First question');
  await waitForFinal(harness, 'completed');
  const answers = page.getByRole('article', { name: 'Assistant message' });
  await expect(answers).toHaveCount(1);
  await expect(answers.locator('.markdown')).toHaveText('First answer, over before the reply.');
  await expect(answers.first().getByRole('group', { name: 'Request details' }).getByTitle(/^Output tokens/)).toHaveText('8 out');
  await expect(page.locator('article[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();

  await send(page, 'Second question');
  await expect(answers).toHaveCount(2);
  await expect(answers.nth(1).locator('.markdown')).toHaveText('Second answer, also early.');
  await expect(answers.nth(1).getByRole('group', { name: 'Request details' }).getByTitle(/^Output tokens/)).toHaveText('6 out');
  await expect(page.getByRole('article', { name: 'Your message' })).toHaveCount(2);
  await expect(page.locator('article[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  // Both replies really were held past their answers' ends.
  expect(route.held()).toBe(2);
});
