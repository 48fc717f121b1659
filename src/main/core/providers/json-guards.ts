/**
 * Narrowing helpers for vendor JSON. The hot path reads a few fields of each event, so these
 * replace a schema validator there: unknown fields are ignored, wrong types read as undefined.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: JsonObject, key: string): JsonObject | undefined {
  const v = value[key];
  return isObject(v) ? v : undefined;
}

export function stringAt(value: JsonObject, key: string): string | undefined {
  const v = value[key];
  return typeof v === 'string' ? v : undefined;
}

/** A token count: a finite, non-negative integer, else undefined. */
export function countAt(value: JsonObject | undefined, key: string): number | undefined {
  const v = value?.[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

export function firstObject(value: unknown): JsonObject | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const first: unknown = value[0];
  return isObject(first) ? first : undefined;
}

/** JSON.parse that reports failure as undefined rather than throwing. */
export function tryParseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}
