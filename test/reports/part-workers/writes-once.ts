import { startWritingPartWorker } from './writing-part-worker';

await startWritingPartWorker(1);
