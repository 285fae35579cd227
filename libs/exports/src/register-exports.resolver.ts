import { Args, Query, Resolver } from '@nestjs/graphql';
import { Action, CurrentPrincipal, Principal, Role, Roles } from '@joinedup/access';
import { IdArg, listOf } from '@joinedup/graphql-kit';
import { LOCALITY_REGISTERS, LocalityRegister } from './locality-register';
import { LocalityRegisterInfoType, RegisterCsvType } from './register-csv.types';
import { RegisterExportsService } from './register-exports.service';

/**
 * Who downloads registers: the staff who read every register of a locality whole. Not
 * member representatives, who act for one body and read only part of some registers.
 */
export const REGISTER_READERS = [Role.TENANT_ADMIN, Role.COORDINATOR, Role.REVIEWER];

@Resolver()
export class RegisterExportsResolver {
  constructor(private readonly exports: RegisterExportsService) {}

  @Action('download registers')
  @Roles(...REGISTER_READERS)
  @Query(() => [LocalityRegisterInfoType], {
    description: 'The registers of a locality that localityRegisterCsv writes, in a fixed order.',
    complexity: listOf(Object.keys(LOCALITY_REGISTERS).length),
  })
  localityRegisters(@CurrentPrincipal() principal: Principal, @IdArg('localityId') localityId: string): Promise<LocalityRegisterInfoType[]> {
    return this.exports.list(principal, localityId);
  }

  @Action('download registers')
  @Roles(...REGISTER_READERS)
  @Query(() => RegisterCsvType, {
    description:
      'A register of a locality as CSV, as its pages show it to the caller, read in one statement: at most the ' +
      "register's maxRows rows, in its fixed order (truncated says when rows were left out).",
  })
  localityRegisterCsv(
    @CurrentPrincipal() principal: Principal,
    @IdArg('localityId') localityId: string,
    @Args('register', { type: () => LocalityRegister }) register: LocalityRegister,
  ): Promise<RegisterCsvType> {
    return this.exports.csv(principal, localityId, register);
  }
}
