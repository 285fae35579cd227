import { localitySections, programmeSections } from '../manage/sections';

/**
 * This area's addresses, read from the sections described once (sections.ts): with an id
 * they are links, with `:programmeId` (or `:localityId`) they are the routes.
 */
export function programmeAddresses(programmeId: string) {
  const [programme, leadership, roles] = programmeSections(programmeId);
  return { programme: programme.path, leadership: leadership.path, roles: roles.path, role: (roleId: string) => `${roles.path}/${roleId}` };
}

/** A locality's programmes page. */
export function localityProgrammesAddress(localityId: string): string {
  return localitySections(localityId)[1].path;
}

/** A locality's management page (its member bodies). */
export function localityAddress(localityId: string): string {
  return localitySections(localityId)[0].path;
}
