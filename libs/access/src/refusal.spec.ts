import { actionOf, actsOnlyFor, onlyRolesMay } from './refusal';
import { Role } from './role';

describe('refusal messages', () => {
  it.each([
    ['mutation', 'dismissGovernanceFlag', 'dismiss a governance flag'],
    ['mutation', 'issueBriefing', 'issue a briefing'],
    ['mutation', 'updateImprovementAction', 'update an improvement action'],
    ['mutation', 'commentOnConflict', 'comment on a conflict'],
    ['mutation', 'setPersonCompetencies', 'set person competencies'],
    ['mutation', 'setConflictProcess', 'set a conflict process'],
    ['query', 'governanceFlags', 'see governance flags'],
    ['query', 'user', 'see a user'],
    ['query', 'auditEvents', 'see audit events'],
  ] as const)('reads the action of %s %s as "%s"', (operation, field, words) => {
    expect(actionOf(operation, field)).toBe(words);
  });

  it('names the allowed roles in a fixed order, whatever the order declared', () => {
    expect(onlyRolesMay([Role.TENANT_ADMIN, Role.COORDINATOR], 'dismiss a flag')).toBe(
      'Only coordinators and tenant administrators can dismiss a flag.',
    );
    expect(onlyRolesMay([Role.TENANT_ADMIN], 'create a user')).toBe('Only tenant administrators can create a user.');
    expect(onlyRolesMay([Role.TENANT_ADMIN, Role.REVIEWER, Role.COORDINATOR], 'see governance flags')).toBe(
      'Only coordinators, reviewers and tenant administrators can see governance flags.',
    );
  });

  it('falls back to a plain refusal when no role may (an operation without @Roles)', () => {
    expect(onlyRolesMay([], 'x')).toBe('You are not allowed to do that.');
  });

  it('names the body a member representative acts for', () => {
    expect(actsOnlyFor('Gateshead Council', 'raise a conflict')).toBe(
      'You act only for Gateshead Council: you can raise a conflict only for Gateshead Council.',
    );
  });
});
