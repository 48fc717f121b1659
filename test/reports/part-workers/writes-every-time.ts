import { startWritingPartWorker } from './writing-part-worker';

await startWritingPartWorker(Number.POSITIVE_INFINITY);
