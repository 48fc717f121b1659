import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { ProviderKind, WireApi } from '../providers/provider-types';

export interface ModelSettings {
  maxOutputTokens?: number;
  temperature?: number;
  /** Which of OpenAI's APIs this model is called through; unset, wireApiFor decides. */
  api?: WireApi;
}

/** A configured provider as the core sees it. The key itself is not here: only where it lives. */
export interface ProviderConfig {
  id: string;
  kind: ProviderKind;
  name: string;
  baseUrl: string;
  keyRef: string | null;
  keyLast4: string | null;
  enabledModels: string[];
  modelSettings: Record<string, ModelSettings>;
  createdAt: number;
  updatedAt: number;
}

const modelSettingsSchema = z.record(
  z.string(),
  z.object({
    maxOutputTokens: z.number().int().positive().optional(),
    temperature: z.number().min(0).max(2).optional(),
    api: z.enum(['chat', 'responses']).optional(),
  }),
);

interface ProviderRow {
  id: string;
  kind: ProviderKind;
  name: string;
  base_url: string;
  key_ref: string | null;
  key_last4: string | null;
  enabled_models_json: string;
  model_settings_json: string;
  created_at: number;
  updated_at: number;
}

function toConfig(row: ProviderRow): ProviderConfig {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    baseUrl: row.base_url,
    keyRef: row.key_ref,
    keyLast4: row.key_last4,
    enabledModels: z.array(z.string()).parse(JSON.parse(row.enabled_models_json)),
    modelSettings: modelSettingsSchema.parse(JSON.parse(row.model_settings_json)) as Record<string, ModelSettings>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class ProviderStore {
  constructor(private readonly sqlite: Database.Database) {}

  list(): ProviderConfig[] {
    return (this.sqlite.prepare('SELECT * FROM providers ORDER BY created_at').all() as ProviderRow[]).map(toConfig);
  }

  get(id: string): ProviderConfig | undefined {
    const row = this.sqlite.prepare('SELECT * FROM providers WHERE id = ?').get(id) as ProviderRow | undefined;
    return row ? toConfig(row) : undefined;
  }

  save(config: ProviderConfig): void {
    this.sqlite
      .prepare(
        `INSERT INTO providers (id, kind, name, base_url, key_ref, key_last4, enabled_models_json, model_settings_json, created_at, updated_at)
         VALUES (@id, @kind, @name, @baseUrl, @keyRef, @keyLast4, @enabledModels, @modelSettings, @createdAt, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, base_url = excluded.base_url,
           key_ref = excluded.key_ref, key_last4 = excluded.key_last4, enabled_models_json = excluded.enabled_models_json,
           model_settings_json = excluded.model_settings_json, updated_at = excluded.updated_at`,
      )
      .run({
        ...config,
        enabledModels: JSON.stringify(config.enabledModels),
        modelSettings: JSON.stringify(config.modelSettings),
      });
  }

  delete(id: string): boolean {
    return this.sqlite.prepare('DELETE FROM providers WHERE id = ?').run(id).changes > 0;
  }
}
