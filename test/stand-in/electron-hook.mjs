// Module resolution hook (Node's module.register): `electron`, imported by the real main bundle,
// resolves to the stand-in. Registered by register-electron.mjs in the app's process only.
const standIn = new URL('./electron/index.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron' || specifier === 'electron/main') return nextResolve(standIn, context);
  return nextResolve(specifier, context);
}
