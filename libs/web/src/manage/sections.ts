/**
 * Where coordinators and tenant administrators run the partnership: every management page's
 * address, title and purpose, described once. The hub pages (`/manage`, a locality's and a
 * programme's management page) and the set-up task list link from these, so an address is
 * never written twice.
 */
export interface ManageSection {
  /** The page's address. */
  path: string;
  title: string;
  /** One sentence: what the page is for. */
  about: string;
}

/** Tenant-wide pages. */
export const TENANT_SECTIONS: readonly ManageSection[] = [
  { path: '/setup', title: 'Set up your partnership', about: 'The steps in order, each marked done or not started.' },
  { path: '/manage/localities', title: 'Localities', about: 'Add a locality, rename or archive one, and manage its member bodies.' },
  { path: '/manage/organisations', title: 'Member bodies and people', about: 'The bodies, their people and each person’s competencies.' },
  { path: '/manage/users', title: 'Users', about: 'Who can sign in, with which role; create, change the role, deactivate, resend sign-in.' },
  { path: '/manage/governance-rules', title: 'Governance rules', about: 'Each rule’s thresholds and severity within their allowed ranges.' },
  { path: '/manage/webhooks', title: 'Webhooks', about: 'Addresses told of events, their secrets and delivery log.' },
];

/** A locality's pages. */
export function localitySections(localityId: string): ManageSection[] {
  const at = `/manage/localities/${localityId}`;
  return [
    { path: at, title: 'Member bodies', about: 'Add a body (at most 40), record one leaving.' },
    { path: `${at}/programmes`, title: 'Programmes', about: 'Create a programme; open one to run its participants, leadership, roles and records.' },
    { path: `${at}/conflict-process`, title: 'Conflict process', about: 'The stages a conflict goes through, their due days, and agreeing a version.' },
    { path: `${at}/conflicts`, title: 'Conflict log', about: 'Conflicts by status and stage with their due dates; overdue ones marked.' },
    { path: `${at}/import`, title: 'Import from a spreadsheet', about: 'Member bodies and people from a CSV or Excel file, previewed before anything is written.' },
    { path: `${at}/exports`, title: 'Download registers', about: 'Every register as a CSV file for Excel.' },
  ];
}

/** A programme's pages. */
export function programmeSections(programmeId: string): ManageSection[] {
  const at = `/manage/programmes/${programmeId}`;
  return [
    { path: at, title: 'Programme', about: 'Status, dates and participating bodies.' },
    { path: `${at}/leadership`, title: 'Leadership', about: 'Nominate a leader, follow the endorsements as they come in, re-confirm.' },
    { path: `${at}/roles`, title: 'Roles', about: 'Roles with their required competencies, holders and fit; assign and vacate.' },
    { path: `${at}/improvement`, title: 'Improvement', about: 'Measures with targets, reviews with a value per measure, actions with owners.' },
    { path: `${at}/briefings`, title: 'Briefings', about: 'Issue a briefing and see which bodies acknowledged it and how far they passed it on.' },
    { path: `${at}/conflict-process`, title: 'Conflict process', about: 'The programme’s own stages for its conflicts, overriding its locality’s, and agreeing a version.' },
    { path: `${at}/alignment-requests`, title: 'Alignment requests', about: 'Requests for a body to adapt a process, and their answers.' },
    { path: `${at}/milestones`, title: 'Milestones and recognition', about: 'Milestones with their due days, and recognition given.' },
  ];
}
