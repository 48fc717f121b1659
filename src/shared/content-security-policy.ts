/**
 * The renderer's Content-Security-Policy, one string for the Electron window and browser mode:
 * only our own scripts (no remote code, no eval), no plugins, no framing, and network access only
 * back to the origin that served the page. Inline styles are allowed because React's style props and
 * the chart library set them; inline scripts are not.
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
];

/** As an HTTP header (Electron session and browser mode). */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** As a <meta> tag in the built page, where browsers ignore (and warn about) frame-ancestors. */
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
