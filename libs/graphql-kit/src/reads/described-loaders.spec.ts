import { Principal, Role } from '@joinedup/access';
import { describedBatch } from './described-loaders';
import { ReadScope, booleanArg, rowById } from './read-model';

const squash = (sql: string) => sql.replace(/\s+/g, ' ').trim();

describe('describedBatch', () => {
  it('reads a `one` field for a batch of parents: each parent re-selected by id, the description joined laterally, one row', () => {
    const batch = describedBatch('membership', rowById('organisation', 'organisation_id'), Role.COORDINATOR);
    expect(squash(batch.sql)).toBe(
      'select r0.id as described_parent, r1.* from membership r0 cross join lateral ' +
        '(select * from (select r1.* from organisation r1 where r1.tenant_id = r0.tenant_id and r1.id = r0.organisation_id) r1 limit 1) r1 ' +
        'where r0.id = any($1::uuid[])',
    );
    expect(batch.params).toEqual([]);
  });

  it("reads a `many` field in the description's order, its arguments and caller bound as parameters after the ids", () => {
    const batch = describedBatch(
      'organisation',
      {
        args: { includeFormer: booleanArg },
        many: (row, m, scope) =>
          `from membership ${m} where (${scope.arg('includeFormer')}::boolean or ${m}.left_on is null)
             and ${m}.organisation_id = ${row}.id and (${scope.caller((p) => p.organisationId)}::uuid is null)
             and ${scope.arg('includeFormer')}::boolean is not null and '${scope.role}' <> ''`,
        orderBy: (m) => `${m}.joined_on, ${m}.id`,
      },
      Role.MEMBER_REPRESENTATIVE,
    );
    expect(squash(batch.sql)).toBe(
      'select r0.id as described_parent, r1.* from organisation r0 cross join lateral ' +
        '(select r1.*, row_number() over (order by r1.joined_on, r1.id) as described_order ' +
        'from membership r1 where ($2::boolean or r1.left_on is null) and r1.organisation_id = r0.id and ($3::uuid is null) ' +
        "and $2::boolean is not null and 'MEMBER_REPRESENTATIVE' <> '') r1 " +
        'where r0.id = any($1::uuid[]) order by r1.described_order',
    );
    // An argument used twice is one parameter; the caller's value is computed per request.
    expect(batch.params).toHaveLength(2);
    expect(batch.params[0]).toEqual({ arg: 'includeFormer' });
    const caller = batch.params[1];
    expect('caller' in caller && caller.caller({ organisationId: 'body' } as Principal)).toBe('body');
  });

  it("writes SQL null for a caller's value its role decides is null, and binds it for the other roles", () => {
    const body = Object.assign((p: Principal) => (p.role === Role.MEMBER_REPRESENTATIVE ? p.organisationId : null), {
      noneFor: (role: string) => role !== Role.MEMBER_REPRESENTATIVE,
    });
    const field = { many: (row: string, m: string, scope: ReadScope) => `from membership ${m} where ${m}.organisation_id = ${row}.id and ${scope.caller(body)}::uuid is not null`, orderBy: (m: string) => `${m}.id` };
    const coordinator = describedBatch('organisation', field, Role.COORDINATOR);
    expect(squash(coordinator.sql)).toContain('and null::uuid is not null');
    expect(coordinator.params).toEqual([]);
    const representative = describedBatch('organisation', field, Role.MEMBER_REPRESENTATIVE);
    expect(squash(representative.sql)).toContain('and $2::uuid is not null');
    expect(representative.params).toHaveLength(1);
  });

  it('refuses an argument its description gives no rule for (it could not be bound as the compiler binds it)', () => {
    expect(() =>
      describedBatch('team', { many: (row, m, scope) => `from member ${m} where ${m}.team_id = ${row}.id and ${scope.arg('role')}`, orderBy: (m) => `${m}.id` }, Role.COORDINATOR),
    ).toThrow('The argument role has no rule in its description');
  });
});
