import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from './src/shared/content-security-policy';

/** The built page carries the strict CSP as a <meta> tag; in dev, main sends it as a header. */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'tallychat-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * In `npm run dev`, @vitejs/plugin-react puts its Fast Refresh preamble in an inline script, which
 * the CSP main adds to every response (`script-src 'self'`) refuses: the window stayed blank. The
 * plugin serves the same preamble as a module, `@vitejs/plugin-react/preamble`; load that instead.
 */
function externalReactPreamble(): Plugin {
  return {
    name: 'tallychat-external-react-preamble',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const inline = /<script type="module">\s*import \{ injectIntoGlobalHook \} from "\/@react-refresh";[\s\S]*?<\/script>/;
        if (!inline.test(html)) throw new Error('The React preamble changed shape: update externalReactPreamble() in electron.vite.config.ts.');
        return html.replace(inline, '<script type="module" src="/@id/@vitejs/plugin-react/preamble"></script>');
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The core runs in a utility process of its own (src/main/core-process): its own entry bundle.
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/index.ts'),
          core: resolve(__dirname, 'src/main/core-process/core-process-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require node_modules at run time: bundle everything, as CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react(), contentSecurityPolicyMeta(), externalReactPreamble()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/renderer/index.html'),
          'web-bridge': resolve(__dirname, 'src/preload/web-bridge.ts'),
        },
        output: {
          // Browser mode injects the bridge by a fixed name before the app's own script.
          entryFileNames: (chunk) => (chunk.name === 'web-bridge' ? 'web-bridge.js' : 'assets/[name]-[hash].js'),
        },
      },
    },
  },
});
