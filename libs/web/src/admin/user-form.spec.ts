import { readChangeRole, readCreateUser, roleText } from './user-form';

const BODY = '0b0f8e4e-6a1e-4a43-9f5e-0a7b7c4c1d11';

describe('user forms', () => {
  it('reads a new member representative with their body, to be sent a sign-in link', () => {
    const read = readCreateUser({ displayName: ' Nia New ', email: 'nia@example.org', role: 'MEMBER_REPRESENTATIVE', organisationId: BODY });
    expect(read.input).toEqual({ displayName: 'Nia New', email: 'nia@example.org', role: 'MEMBER_REPRESENTATIVE', organisationId: BODY, sendSignInLink: true });
  });

  it('asks for every field, and a body only of a member representative', () => {
    const empty = readCreateUser({});
    expect(empty.input).toBeUndefined();
    expect(empty.errors.map((e) => e.href)).toEqual(['#displayName', '#email', '#role']);
    const noBody = readCreateUser({ displayName: 'Nia', email: 'nia@example', role: 'MEMBER_REPRESENTATIVE', organisationId: 'nope' });
    expect(noBody.errors).toEqual([
      { href: '#email', text: 'Enter their email address in the correct format, like name@example.org' },
      { href: '#organisationId', text: 'Select the body they act for' },
    ]);
    expect(noBody.values).toMatchObject({ email: 'nia@example', organisationId: 'nope' });
    expect(readChangeRole({ role: 'COORDINATOR', organisationId: BODY }).input).toEqual({ role: 'COORDINATOR', organisationId: null });
    expect(readChangeRole({ role: 'OWNER' }).errors).toEqual([{ href: '#role', text: 'Select a role' }]);
  });

  it('names roles as the home page does', () => {
    expect(roleText('COORDINATOR')).toBe('Partnership coordinator');
    expect(roleText('TENANT_ADMIN')).toBe('Tenant administrator');
  });
});
