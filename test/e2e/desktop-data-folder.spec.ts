import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../../src/main/core/db/default-data-dir';
import { doctorDataDir, expect, test } from './desktop-support';

const appDataUnder: Record<'linux' | 'darwin' | 'win32', string[]> = {
  linux: ['.config'],
  darwin: ['Library', 'Application Support'],
  win32: ['AppData', 'Roaming'],
};

for (const platform of ['linux', 'darwin', 'win32'] as const) {
  test(`under ${platform} path rules the app opens the one ledger the CLI and browser mode use`, async ({ launch, home }) => {
    const app = await launch({ platform });
    const page = await app.window();
    // An empty home: the app's first screen, drawn from main's answers over IPC.
    await expect(page.getByRole('heading', { name: 'No conversations yet' })).toBeVisible();

    const appData = join(home, ...appDataUnder[platform]);
    // Linux paths are case sensitive: a `tallychat` folder beside `Tallychat` would split the ledger.
    expect(readdirSync(appData)).toEqual(['Tallychat']);
    const env = platform === 'win32' ? { APPDATA: appData } : {};
    const cliFolder = defaultDataDir(platform, env, home);
    expect(cliFolder).toBe(join(appData, 'Tallychat'));
    expect(existsSync(join(cliFolder, 'tallychat.sqlite'))).toBe(true);
    if (platform === process.platform) expect(doctorDataDir(home)).toBe(cliFolder);
  });
}
