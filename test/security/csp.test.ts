import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from '../../src/shared/content-security-policy';

interface Finding {
  severity: number;
  directive: string;
  description: string;
}
interface CspEvaluatorLibrary {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): Finding[] };
  Version: { CSP3: unknown };
}

// Google's CSP Evaluator, the library electronegativity's own CSP check uses.
const csp = createRequire(import.meta.url)('@doyensec/csp-evaluator') as CspEvaluatorLibrary;
/** The library's scale: 10 high, 20 syntax, 30 medium, 40 possibly high, 50 possibly medium, 60 info. */
const POSSIBLY_MEDIUM = 50;

function evaluate(policy: string): Finding[] {
  return new csp.CspEvaluator(new csp.CspParser(policy).csp, csp.Version.CSP3).evaluate();
}

describe('the renderer\'s Content-Security-Policy', () => {
  it('has no high, syntax or medium finding; the one note is about \'self\', which serves only our own bundle', () => {
    for (const policy of [CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META]) {
      expect(evaluate(policy).map((f) => [f.severity, f.directive, f.description])).toEqual([
        [POSSIBLY_MEDIUM, 'script-src', "'self' can be problematic if you host JSONP, Angular or user uploaded files."],
      ]);
    }
  });

  it('the evaluator does flag a weak policy (the check can fail)', () => {
    const severities = evaluate("script-src 'self' 'unsafe-inline' https:").map((f) => f.severity);
    expect(severities.filter((s) => s < POSSIBLY_MEDIUM).length).toBeGreaterThanOrEqual(3);
  });

  it('allows no remote code, no eval, no plugins, no framing and no connection but back to the app', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({
      'default-src': "'none'",
      'script-src': "'self'",
      'connect-src': "'self'",
      'object-src': "'none'",
      'frame-ancestors': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
    });
  });
});
