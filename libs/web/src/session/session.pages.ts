import { WebKit } from '../web-kit';
import { FieldError } from '../health-check/answer-form';
import { WebHomeDocument, WebSignInDocument, WebSignOutDocument } from '../graphql/generated';
import { SignedInSession } from './signed-in';

/** Each role as the pages name it (in a sentence: "a tenant administrator"). */
export const ROLE_NAMES: Record<string, string> = {
  TENANT_ADMIN: 'tenant administrator',
  COORDINATOR: 'partnership coordinator',
  REVIEWER: 'leader or reviewer',
  MEMBER_REPRESENTATIVE: 'member representative',
};

const FIELDS = [
  { name: 'tenant', missing: "Enter your organisation's JoinedUp name", max: 100 },
  { name: 'email', missing: 'Enter your email address', max: 254 },
  { name: 'password', missing: 'Enter your password', max: 200 },
] as const;

/** Sign in (tenant, email, password), the signed-in start page, and sign out (which ends the session in the API). */
export function registerSessionPages(kit: WebKit, session: SignedInSession): void {
  kit.get('/sign-in', async (_req, res) => kit.render(res, 'session/sign-in.njk', { title: 'Sign in', values: {}, fieldErrors: {} }));

  kit.post('/sign-in', async (req, res) => {
    const values: Record<string, string> = {};
    const errors: FieldError[] = [];
    for (const field of FIELDS) {
      const raw = req.body[field.name];
      values[field.name] = typeof raw === 'string' ? (field.name === 'password' ? raw : raw.trim()) : '';
      if (!values[field.name]) errors.push({ href: `#${field.name}`, text: field.missing });
      else if (values[field.name].length > field.max) errors.push({ href: `#${field.name}`, text: `Enter at most ${field.max} characters` });
    }
    if (!errors.length) {
      const result = await kit.run(WebSignInDocument, { input: { tenant: values.tenant, email: values.email, password: values.password } }, req);
      const error = result.errors?.[0];
      if (!error) {
        session.keep(res, result.data!.signIn);
        kit.newSession(res);
        return res.redirect(303, '/home');
      }
      errors.push({ href: '#tenant', text: error.message });
    }
    const fieldErrors = Object.fromEntries(errors.map((e) => [e.href.slice(1), e.text]));
    // The password is never sent back.
    kit.render(res, 'session/sign-in.njk', { title: 'Sign in', values: { ...values, password: '' }, errors, fieldErrors }, 400);
  });

  kit.get('/home', async (req, res) => {
    const result = await session.run(req, res, WebHomeDocument, {});
    if (!result?.data) return res.redirect(303, '/sign-in');
    const { me } = result.data;
    kit.render(res, 'session/home.njk', { title: 'Your JoinedUp', me, roleName: ROLE_NAMES[me.role] ?? me.role });
  });

  kit.post('/sign-out', async (req, res) => {
    await session.run(req, res, WebSignOutDocument, {});
    session.forget(res);
    kit.newSession(res);
    kit.message(res, 200, 'You have signed out', 'Your session has ended on this and every device it was used on.');
  });
}
