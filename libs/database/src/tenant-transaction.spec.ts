import { openingStatement, sessionOpeningStatement } from './tenant-transaction';

describe('openingStatement', () => {
  const tenantId = '0b7c3c2e-5f0a-4c8e-9d3b-1a2b3c4d5e6f';
  const userId = '9f8e7d6c-5b4a-4321-8fed-cba987654321';

  it('begins and sets the scope for row-level security in one query string', () => {
    expect(openingStatement({ tenantId, userId, organisationId: null }, 1500.2)).toBe(
      `begin; select set_config('app.tenant_id', '${tenantId}', true), set_config('app.user_id', '${userId}', true), ` +
        `set_config('app.organisation_id', '', true), set_config('statement_timeout', '1501', true), ` +
        `set_config('idle_in_transaction_session_timeout', '1501', true)`,
    );
  });

  it('sets no time limit for work without one', () => {
    expect(openingStatement({ tenantId })).not.toContain('statement_timeout');
  });

  it('refuses an id that is not a UUID, so nothing but a UUID is ever written into the SQL', () => {
    expect(() => openingStatement({ tenantId: `${tenantId}', true); drop table person; --` })).toThrow('not a UUID');
    expect(() => openingStatement({ tenantId, organisationId: "x' or '1'='1" })).toThrow('not a UUID');
  });
});

describe('sessionOpeningStatement', () => {
  const session = {
    tenantId: '0b7c3c2e-5f0a-4c8e-9d3b-1a2b3c4d5e6f',
    userId: '9f8e7d6c-5b4a-4321-8fed-cba987654321',
    sessionId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  };

  it('begins, sets the deadline, and checks the session in one query string, the deadline first', () => {
    expect(sessionOpeningStatement(session, 999.1)).toBe(
      `begin; select set_config('statement_timeout', '1000', true), set_config('idle_in_transaction_session_timeout', '1000', true); ` +
        `select role, organisation_id from open_authenticated_request('${session.tenantId}', '${session.userId}', '${session.sessionId}')`,
    );
  });

  it('sets no time limit for work without one', () => {
    expect(sessionOpeningStatement(session)).toBe(
      `begin; select role, organisation_id from open_authenticated_request('${session.tenantId}', '${session.userId}', '${session.sessionId}')`,
    );
  });

  it("opens a GraphQL query's transaction read only, so PostgreSQL refuses any write in it", () => {
    expect(sessionOpeningStatement(session, 1000, true)).toMatch(/^begin read only; select set_config\('statement_timeout'/);
    expect(openingStatement({ tenantId: session.tenantId }, undefined, true)).toMatch(/^begin read only; select set_config\('app.tenant_id'/);
  });

  it('refuses an id that is not a UUID, empty ones included', () => {
    expect(() => sessionOpeningStatement({ ...session, sessionId: `${session.sessionId}'); commit; --` })).toThrow('not a UUID');
    expect(() => sessionOpeningStatement({ ...session, userId: '' })).toThrow('not a UUID');
  });
});
