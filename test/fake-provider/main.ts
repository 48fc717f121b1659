import { parseArgs } from 'node:util';
import { startFakeProvider } from './fake-provider';

/**
 * `npx tsx test/fake-provider/main.ts [--port N] [--api-key KEY]`: the first stdout line is the
 * base URL, so a harness can read it and then drive the server through /__control/*.
 */
const { values } = parseArgs({
  options: { port: { type: 'string' }, 'api-key': { type: 'string' } },
});
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be a port number, got ${values.port}\n`);
  process.exit(2);
}
const apiKey = values['api-key'];
const fake = await startFakeProvider({ port, ...(apiKey !== undefined ? { apiKey } : {}) });
process.stdout.write(`${fake.baseUrl}\n`);
process.stdout.write(
  `OpenAI-style base ${fake.baseUrl}/v1; Anthropic, Gemini, Ollama base ${fake.baseUrl}; control at ${fake.baseUrl}/__control/\n`,
);

const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
