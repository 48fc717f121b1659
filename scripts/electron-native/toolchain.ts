import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** What node-gyp needs to compile better-sqlite3, in the words of each OS's installer. */
const TOOLCHAIN: Record<'linux' | 'darwin' | 'win32', { tools: string[]; install: string }> = {
  linux: {
    tools: ['python3', 'make', 'g++'],
    install: 'Install them with your package manager, e.g. `sudo apt install python3 make g++` (Debian/Ubuntu) or `sudo dnf install python3 make gcc-c++` (Fedora).',
  },
  darwin: {
    tools: ['python3', 'make', 'clang++'],
    install: 'Install the Xcode Command Line Tools: `xcode-select --install`.',
  },
  win32: {
    tools: ['python'],
    install:
      'Install Python 3 (python.org or the Microsoft Store) and Visual Studio Build Tools with the "Desktop development with C++" workload (https://visualstudio.microsoft.com/visual-cpp-build-tools/).',
  },
};

function toolchainOf(platform: NodeJS.Platform) {
  return TOOLCHAIN[platform === 'darwin' || platform === 'win32' ? platform : 'linux'];
}

function onPath(tool: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter).filter(Boolean);
  const names = platform === 'win32' ? [`${tool}.exe`, `${tool}.cmd`] : [tool];
  return dirs.some((dir) => names.some((name) => existsSync(join(dir, name))));
}

/** The compiler tools this OS needs that are not on PATH (Visual Studio cannot be seen this way). */
export function missingTools(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  return toolchainOf(platform).tools.filter((tool) => !onPath(tool, env, platform));
}

/** A plain sentence: what is missing (when known) and how to get it on this OS. */
export function toolchainHelp(platform: NodeJS.Platform, missing: string[]): string {
  const { tools, install } = toolchainOf(platform);
  const needed = platform === 'win32' ? 'Python 3 and Visual Studio Build Tools (C++)' : tools.join(', ');
  const what = missing.length ? `Missing: ${missing.join(', ')}.` : `It needs ${needed}.`;
  return `Building better-sqlite3 for Electron needs a C++ toolchain. ${what} ${install}`;
}
