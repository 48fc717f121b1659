/**
 * A system prompt is standing instructions, not a document: the bound stops a paste of a whole
 * file from being sent (and paid for) with every message. Shared by the contract and the store.
 */
export const SYSTEM_PROMPT_MAX_CHARS = 20_000;
