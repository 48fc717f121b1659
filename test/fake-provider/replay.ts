import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Scenario } from './scenario';
import { splitAtRandom } from './seeded-split';

/**
 * Writes a 200 body the way the scenario says: one write per event, or seeded random pieces;
 * optionally paced; and cut short by a disconnect or a stall when the fault asks for one.
 */
export async function replay(res: ServerResponse, events: string[], contentType: string, scenario: Scenario): Promise<void> {
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache' });
  res.flushHeaders();
  const bytes = Buffer.from(events.join(''), 'utf8');
  const fault = scenario.fault;
  const cut = fault?.kind === 'disconnect' || fault?.kind === 'stall' ? Math.min(fault.afterBytes, bytes.length) : bytes.length;
  const pieces = scenario.split
    ? splitAtRandom(bytes, scenario.split.seed, scenario.split.maxBytes)
    : events.map((e) => Buffer.from(e, 'utf8'));
  let written = 0;
  for (const piece of pieces) {
    if (written >= cut || res.destroyed) break;
    const part = piece.subarray(0, cut - written);
    res.write(part);
    written += part.length;
    // Give each piece its own turn so it leaves as its own packet and reaches the client apart.
    if (scenario.delayMs) await sleep(scenario.delayMs);
    else if (scenario.split) await nextTurn();
  }
  // end() on the socket flushes what was written, then closes mid-body (destroy() would drop it).
  if (fault?.kind === 'disconnect') res.socket?.end();
  else if (fault?.kind !== 'stall') res.end();
}
