// `node --import tsx --import ./test/stand-in/register-electron.mjs out/main/index.js`
import { register } from 'node:module';

register('./electron-hook.mjs', import.meta.url);
