import { SIGN_IN_LINK_PATH } from '@joinedup/auth';
import { TENANT_SECTIONS } from '../manage/sections';

/** A tenant-wide management page's address, found by its title in the sections described once (sections.ts). */
function sectionPath(title: string): string {
  const section = TENANT_SECTIONS.find((s) => s.title === title);
  if (!section) throw new Error(`No management section is called ${title}`);
  return section.path;
}

export const USERS_PATH = sectionPath('Users');
export const RULES_PATH = sectionPath('Governance rules');
export const WEBHOOKS_PATH = sectionPath('Webhooks');
/** Where an emailed sign-in link opens (the API's SIGN_IN_LINK_PATH after MAIL_WEB_BASE). */
export const SET_PASSWORD_PATH = `/${SIGN_IN_LINK_PATH.replace(/\/$/, '')}`;
