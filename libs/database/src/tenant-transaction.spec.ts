import { openingStatement } from './tenant-transaction';

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
