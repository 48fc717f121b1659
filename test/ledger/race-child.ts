// A child process with its own SQLite connection to the same file, racing its siblings to
// finalize one row or to pass pre-flight on one cap.
import { runPreflight } from '../../src/main/core/budgets/budget-preflight';
import { BudgetService } from '../../src/main/core/budgets/budget-service';
import { BudgetStore } from '../../src/main/core/budgets/budget-store';
import { openStore } from '../../src/main/core/db/open-database';
import { RequestLedger } from '../../src/main/core/ledger/request-ledger';
import { ProviderStore } from '../../src/main/core/provider-config/provider-store';
import { nanodollars } from '../../src/shared/money';

interface Job {
  file: string;
  task: 'finalize' | 'preflight';
  requestId: string;
  attempts: number;
  estimate: number;
  startedAt: number;
  worker: number;
}

const job = JSON.parse(process.argv[2]!) as Job;
const store = openStore({ file: job.file });
const ledger = new RequestLedger(store.sqlite, () => 'UTC');
const budgets = new BudgetService({
  sqlite: store.sqlite,
  budgets: new BudgetStore(store.sqlite),
  providers: new ProviderStore(store.sqlite),
  providerName: (id) => id,
  timeZone: () => 'UTC',
  strictByDefault: () => false,
  clock: () => job.startedAt,
});
const results: boolean[] = [];
for (let i = 0; i < job.attempts; i += 1) {
  if (job.task === 'finalize') {
    results.push(
      ledger.finalize({
        id: job.requestId,
        status: 'completed',
        usage: { inputTokens: 100 + job.worker, outputTokens: 10 },
        usageSource: 'provider',
        cost: nanodollars(1000 + job.worker),
        finishedAt: job.startedAt + 10,
        durationMs: 10,
      }),
    );
  } else {
    const result = runPreflight(store.sqlite, budgets, ledger, {
      request: {
        id: `w${job.worker}-${i}`,
        conversationId: null,
        userMessageId: null,
        providerId: 'openai',
        providerKind: 'openai',
        model: 'gpt-4o',
        streamed: true,
        estimatedInputTokens: 10,
        reservation: nanodollars(0),
        startedAt: job.startedAt,
        ownerPid: process.pid,
      },
      estimate: nanodollars(job.estimate),
      allowOverCap: false,
    });
    results.push(result.allowed);
  }
}
store.close();
process.send!(results, () => process.exit(0));
