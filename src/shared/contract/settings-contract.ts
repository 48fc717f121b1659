/** Settings: providers, keys, prices, budgets, general (issue 7). */
export const settingsContract = {};
