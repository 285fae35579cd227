import { CsrfTokens } from './csrf';

describe('CsrfTokens', () => {
  const csrf = new CsrfTokens('a server secret of at least thirty-two characters');

  it("accepts a session's own token", () => {
    const session = CsrfTokens.newSessionId();
    expect(csrf.verify(session, csrf.tokenFor(session))).toBe(true);
  });

  it("refuses another session's token, a missing one and a malformed one", () => {
    const session = CsrfTokens.newSessionId();
    expect(csrf.verify(session, csrf.tokenFor(CsrfTokens.newSessionId()))).toBe(false);
    expect(csrf.verify(session, undefined)).toBe(false);
    expect(csrf.verify(undefined, csrf.tokenFor(session))).toBe(false);
    expect(csrf.verify(session, ['x'])).toBe(false);
    expect(csrf.verify(session, 'short')).toBe(false);
  });

  it('gives other tokens under another server secret', () => {
    const session = CsrfTokens.newSessionId();
    expect(new CsrfTokens('another server secret, also thirty-two characters').verify(session, csrf.tokenFor(session))).toBe(false);
  });
});
