import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  TENANT_ADMIN = 'TENANT_ADMIN',
  COORDINATOR = 'COORDINATOR',
  MEMBER_REPRESENTATIVE = 'MEMBER_REPRESENTATIVE',
  REVIEWER = 'REVIEWER',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do in their tenant.',
  valuesMap: {
    TENANT_ADMIN: { description: 'Manages users and settings of the tenant.' },
    COORDINATOR: { description: 'Sets up localities, member bodies, programmes and roles; works the flags.' },
    MEMBER_REPRESENTATIVE: { description: 'Acts for one member organisation only.' },
    REVIEWER: { description: 'Reviews governance health; reads.' },
  },
});

/** Everyone who is signed in. */
export const ANY_ROLE = [Role.TENANT_ADMIN, Role.COORDINATOR, Role.MEMBER_REPRESENTATIVE, Role.REVIEWER];
