import { LocalityRegister, registerSlug } from '@joinedup/exports';
import type { WebRegisterExportsQuery } from '../graphql/generated';
import { localitySections } from '../manage/sections';

/** The downloads page of a locality, as sections.ts describes it. */
export function exportsPath(localityId: string): string {
  return localitySections(localityId).find((section) => section.path.endsWith('/exports'))!.path;
}

/** A register's file: `<downloads page>/<register as in file names>.csv`. */
export const registerCsvPath = (localityId: string, register: LocalityRegister): string => `${exportsPath(localityId)}/${registerSlug(register)}.csv`;

/** The register a file's name (`conflict-log`) stands for; undefined for any other. */
export const registerOfSlug = (slug: string): LocalityRegister | undefined => Object.values(LocalityRegister).find((register) => registerSlug(register) === slug);

export interface RegisterLink {
  title: string;
  about: string;
  href: string;
  maxRows: string;
}

/** Each register with its download link and its bound, in the API's order. */
export function registerLinks(localityId: string, registers: WebRegisterExportsQuery['localityRegisters']): RegisterLink[] {
  return registers.map(({ register, title, about, maxRows }) => ({
    title,
    about,
    href: registerCsvPath(localityId, register as LocalityRegister),
    maxRows: maxRows.toLocaleString('en-GB'),
  }));
}

/** A file name safe in a Content-Disposition header: letters, digits, dots and hyphens only. */
export const safeFileName = (name: string): string => name.replace(/[^A-Za-z0-9.-]/g, '') || 'register.csv';
