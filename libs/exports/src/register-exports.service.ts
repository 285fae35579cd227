import { Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { csvRegisterRows, csvRegisterSql, csvText } from '@joinedup/csv';
import { TenantDb } from '@joinedup/database';
import { LocalitiesService, localityAccessParam } from '@joinedup/registry';
import { LOCALITY_REGISTERS, LocalityRegister, registerSlug } from './locality-register';
import { LocalityRegisterInfoType, RegisterCsvType } from './register-csv.types';

/** The registers of a locality as CSV files: each read in one statement, under row-level security as the caller. */
@Injectable()
export class RegisterExportsService {
  constructor(
    private readonly db: TenantDb,
    private readonly localities: LocalitiesService,
  ) {}

  /** The registers there are, once the caller may read the locality (NOT_FOUND otherwise). */
  async list(principal: Principal, localityId: string): Promise<LocalityRegisterInfoType[]> {
    await this.localities.get(principal, localityId);
    return Object.entries(LOCALITY_REGISTERS).map(([register, { title, about, maxRows }]) => ({
      register: register as LocalityRegister,
      title,
      about,
      maxRows,
    }));
  }

  async csv(principal: Principal, localityId: string, register: LocalityRegister): Promise<RegisterCsvType> {
    const locality = await this.localities.get(principal, localityId);
    const described = LOCALITY_REGISTERS[register];
    const params = described.readsViewer ? [locality.id, localityAccessParam(principal)] : [locality.id];
    const { rows, truncated } = csvRegisterRows(described, await this.db.query<Record<string, string | null>>(csvRegisterSql(described), params));
    const code = locality.code.replace(/[^A-Za-z0-9-]/g, '');
    return {
      register,
      fileName: `${registerSlug(register)}-${code}-${new Date().toISOString().slice(0, 10)}.csv`,
      text: csvText(rows),
      rowCount: rows.length - 1,
      truncated,
    };
  }
}
