/**
 * The environment native builds run in: the user's, minus npm's configuration. Under `npm start`
 * npm exports its config as `npm_config_*`, and node-gyp and prebuild-install read those first: a
 * `nodedir`, `target`, `arch`, `runtime` or `disturl` set for other projects would build against the
 * wrong headers (a user's system Node, ABI 115, instead of Electron's 150). Windows keeps variable
 * names case-insensitively, so `NPM_CONFIG_*` goes too.
 */
export function cleanBuildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_config_/i.test(name)));
}
