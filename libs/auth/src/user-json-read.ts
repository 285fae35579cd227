import { Injectable, OnModuleInit } from '@nestjs/common';
import { rolesOf } from '@joinedup/access';
import { JsonReads, column, dateTimeColumn, uuidArg } from '@joinedup/graphql-kit';
import { AuthResolver } from './auth.resolver';
import { UsersResolver } from './users.resolver';
import { toUser } from './users.service';

/**
 * The users' part of JsonReads: `me`, which every web page's document asks for, `user(id)`, and the
 * columns of User (as UsersService.get reads them).
 */
@Injectable()
export class UserJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    // Where users live, for the executed relations of User that other libraries describe (its organisation).
    this.reads.addRows('User', { table: 'app_user', fromRow: toUser });
    this.reads.addFields('Query', {
      me: {
        roles: rolesOf(AuthResolver.prototype.me),
        one: (_row, u, scope) => `from app_user ${u} where ${u}.id = ${scope.caller((principal) => principal.userId)}::uuid`,
      },
      user: {
        roles: rolesOf(UsersResolver.prototype.user),
        args: { id: uuidArg },
        one: (_row, u, scope) => `from app_user ${u} where ${u}.id = ${scope.arg('id')}::uuid`,
      },
    });
    this.reads.addFields('User', {
      id: column('id'),
      email: column('email'),
      displayName: column('display_name'),
      role: column('role'),
      organisationId: column('organisation_id'),
      active: column('active'),
      createdAt: dateTimeColumn('created_at'),
    });
  }
}
