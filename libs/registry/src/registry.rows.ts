import { LocalityType, MembershipType, OrganisationType, PersonType } from './registry.types';
import { Sector } from './sector';

export interface LocalityRow {
  id: string;
  name: string;
  code: string;
  region: string | null;
  active_member_count: number;
  archived_at: Date | null;
}
export const LOCALITY_COLUMNS = 'id, name, code, region, active_member_count, archived_at';
export const toLocality = (r: LocalityRow): LocalityType => ({
  id: r.id,
  name: r.name,
  code: r.code,
  region: r.region,
  activeMemberCount: r.active_member_count,
  archivedAt: r.archived_at,
});

export interface OrganisationRow {
  id: string;
  name: string;
  sector: Sector;
  external_ref: string | null;
}
export const ORGANISATION_COLUMNS = 'id, name, sector, external_ref';
export const toOrganisation = (r: OrganisationRow): OrganisationType => ({
  id: r.id,
  name: r.name,
  sector: r.sector,
  externalRef: r.external_ref,
});

export interface MembershipRow {
  id: string;
  locality_id: string;
  organisation_id: string;
  joined_on: string;
  left_on: string | null;
}
export const MEMBERSHIP_COLUMNS = 'id, locality_id, organisation_id, joined_on, left_on';
export const toMembership = (r: MembershipRow): MembershipType => ({
  id: r.id,
  localityId: r.locality_id,
  organisationId: r.organisation_id,
  joinedOn: r.joined_on,
  leftOn: r.left_on,
});

export interface PersonRow {
  id: string;
  organisation_id: string;
  full_name: string;
  job_title: string | null;
  email: string | null;
  represents_body: boolean;
}
export const PERSON_COLUMNS = 'id, organisation_id, full_name, job_title, email, represents_body';
export const toPerson = (r: PersonRow): PersonType => ({
  id: r.id,
  organisationId: r.organisation_id,
  fullName: r.full_name,
  jobTitle: r.job_title,
  email: r.email,
  representsBody: r.represents_body,
});
