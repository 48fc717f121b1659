/**
 * Entry of the core process (out/main/core.js): main forks it with Electron's
 * `utilityProcess.fork`, which gives it `process.parentPort`, its one line to main.
 */
import { serveCore, type ParentPortLike } from './serve-core';

const port = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
if (!port) throw new Error('The Tallychat core process runs only as a utility process of the app (process.parentPort is missing).');
serveCore(port, (code) => process.exit(code));
