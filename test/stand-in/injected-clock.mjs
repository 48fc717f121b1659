/**
 * A clock injected into the app's own processes for a spec (main, and the core it forks, which
 * inherits NODE_OPTIONS): `Date.now()` reads TALLYCHAT_TEST_NOW (ms since the epoch) at the moment
 * the process started, and runs on from there, so a spec can play a scripted month on any day.
 * Loaded with `NODE_OPTIONS=--import <this file>`; never part of the app.
 */
const start = Number(process.env.TALLYCHAT_TEST_NOW);
if (!Number.isSafeInteger(start)) throw new Error('injected-clock: set TALLYCHAT_TEST_NOW to milliseconds since the epoch');
const realNow = Date.now.bind(Date);
const offset = start - realNow();
Date.now = () => realNow() + offset;
