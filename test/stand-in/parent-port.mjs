// Loaded into a stand-in utility process (--import): Electron gives its script `process.parentPort`
// (docs/api/parent-port.md), not Node's `process.send`. A message arrives as an event with the value
// in `data` and transferred ports in `ports`. Like a MessagePortMain, the port holds messages until
// the script listens for them: lib/utility/init.ts starts it on the first 'message' listener and
// pauses it when the last one goes (lib/utility/parent-port.ts `start`/`pause`).
import { EventEmitter } from 'node:events';

const send = process.send.bind(process);
const held = [];
const parentPort = new EventEmitter();
parentPort.postMessage = (message) => void send(message);
parentPort.on('newListener', (name) => {
  if (name !== 'message') return;
  setImmediate(() => {
    for (const data of held.splice(0)) parentPort.emit('message', { data, ports: [] });
  });
});
process.on('message', (data) => {
  if (parentPort.listenerCount('message') === 0 || held.length > 0) held.push(data);
  else parentPort.emit('message', { data, ports: [] });
});
process.parentPort = parentPort;
process.send = undefined;
// A utility process does not outlive the app: when main's end of the channel goes, so does it.
process.on('disconnect', () => process.exit(0));
