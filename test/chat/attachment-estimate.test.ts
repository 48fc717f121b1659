import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { estimatePdfTokens } from '../../src/main/core/attachments/pdf-token-estimate';
import { pdfBytes } from '../attachments/attachment-fixtures';
import { startTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(async () => {
  await t.close();
});

it('an estimate, made as the user types, reads no staged file: the PDF is read only when it is sent', async () => {
  const provider = await t.addProvider('anthropic');
  const staged = t.core.staging.stage('report.pdf', Buffer.from(pdfBytes(3)));
  // The bytes go from under the staging: only a read would notice.
  const folder = join(t.dataDir, 'attachments', 'staged');
  for (const pid of readdirSync(folder)) rmSync(join(folder, pid, staged.id));
  const input = { providerId: provider, model: 'claude-sonnet-4-5', text: 'Summarize.', attachmentIds: [staged.id] };
  const { estimate } = await t.core.chat.estimate(input);
  expect(estimate.attachments).toEqual([{ id: staged.id, tokens: estimatePdfTokens('anthropic', 'claude-sonnet-4-5', 3).tokens, downscaledTo: null, sentAs: null, refusal: null }]);
  await expect(t.core.chat.send(input)).rejects.toThrow('That attachment is no longer staged; attach the file again.');
  expect(t.fake.requests).toHaveLength(0);
});
