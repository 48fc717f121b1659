import { z } from 'zod';
import { method } from './define-method';

export interface AppInfo {
  version: string;
  /** Which host serves the renderer: the desktop window or browser mode. */
  host: 'electron' | 'web' | 'cli';
  dataDir: string;
  databaseFile: string;
  schemaVersion: number;
  platform: string;
}

export const appContract = {
  appInfo: method<AppInfo>()(z.object({}).strict()),
};
