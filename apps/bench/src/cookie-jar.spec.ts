import { CookieJar, formToken } from './cookie-jar';

describe('CookieJar', () => {
  it('keeps what Set-Cookie sets and sends it back, newest value of each name', () => {
    const jar = new CookieJar()
      .take(['joinedup_session=abc; Path=/; HttpOnly; SameSite=Lax', 'joinedup_access=t1; Max-Age=3600; Path=/; HttpOnly'])
      .take('joinedup_access=t2; Path=/');
    expect(jar.header()).toBe('joinedup_session=abc; joinedup_access=t2');
    expect(jar.get('joinedup_access')).toBe('t2');
  });

  it('removes a cookie set empty or already expired, as clearCookie sends it', () => {
    const jar = new CookieJar().take(['a=1; Path=/', 'b=2; Path=/health-check', 'c=3']);
    jar.take(['a=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'b=2; Max-Age=0', 'c=3; Expires=Thu, 01 Jan 2099 00:00:00 GMT']);
    expect(jar.header()).toBe('c=3');
  });

  it('keeps a value that itself holds = signs (base64 padding)', () => {
    expect(new CookieJar().take('x=ab==; Path=/').get('x')).toBe('ab==');
  });
});

describe('formToken', () => {
  it("reads the hidden _csrf field of a page's form", () => {
    expect(formToken('<form method="post"><input type="hidden" name="_csrf" value="Zm9v-_bar"><button>Go</button></form>')).toBe('Zm9v-_bar');
  });

  it('is undefined for a page without a form', () => {
    expect(formToken('<h1>Your JoinedUp</h1>')).toBeUndefined();
  });
});
