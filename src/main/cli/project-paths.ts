import { fileURLToPath } from 'node:url';

/** The project root: the CLI runs from the sources, three folders below it. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The renderer bundle that `electron-vite build` writes, the same one the desktop window loads. */
export const RENDERER_DIR = fileURLToPath(new URL('../../../out/renderer/', import.meta.url));
