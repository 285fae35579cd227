import { Sector } from '@joinedup/registry';
import { DemoOrganisation } from './demo-partnership.data';

/** A post in a member body and the competencies (level 1–5) of whoever holds it. */
interface DemoPost {
  jobTitle: string;
  competencies: Record<string, number>;
}

/** A person of a demo member body: its key and the person's slot (0 = most senior). */
export interface DemoPersonRef {
  organisation: string;
  slot: number;
}

export interface DemoPerson {
  fullName: string;
  jobTitle: string;
  email: string;
  competencies: { name: string; level: number }[];
}

const post = (jobTitle: string, competencies: Record<string, number>): DemoPost => ({ jobTitle, competencies });

/** Typical posts of a sector's partnership people, most senior first. */
const POSTS: Record<Sector, DemoPost[]> = {
  [Sector.LOCAL_AUTHORITY]: [
    post('Strategic Director, Communities', { 'Partnership working': 5, 'Programme management': 4, 'Financial management': 4 }),
    post('Head of Commissioning', { Commissioning: 5, 'Financial management': 3, 'Data analysis': 3 }),
    post('Partnerships Officer', { 'Community engagement': 4, 'Partnership working': 3, 'Data analysis': 2 }),
  ],
  [Sector.HEALTH]: [
    post('Director of Strategy and Partnerships', { 'Partnership working': 5, 'Programme management': 4, Commissioning: 3 }),
    post('Head of Safeguarding', { Safeguarding: 5, 'Risk management': 4, 'Conflict resolution': 3 }),
    post('Population Health Analyst', { 'Data analysis': 5, 'Public health': 4, 'Programme management': 2 }),
  ],
  [Sector.CENTRAL_GOVERNMENT]: [
    post('District Partnership Manager', { 'Partnership working': 4, 'Stakeholder engagement': 4, 'Programme management': 3 }),
    post('Operations Manager', { 'Programme management': 4, 'Risk management': 3, 'Data analysis': 3 }),
    post('Partnership Adviser', { 'Community engagement': 3, Safeguarding: 2, 'Partnership working': 3 }),
  ],
  [Sector.POLICE]: [
    post('Chief Inspector, Partnerships', { 'Partnership working': 4, 'Risk management': 4, 'Programme management': 3 }),
    post('Neighbourhood Policing Inspector', { 'Community engagement': 4, Safeguarding: 4, 'Conflict resolution': 4 }),
    post('Crime and Intelligence Analyst', { 'Data analysis': 5, 'Risk management': 3 }),
  ],
  [Sector.FIRE_AND_RESCUE]: [
    post('Area Manager, Prevention and Education', { 'Risk management': 5, 'Community engagement': 4, 'Partnership working': 3 }),
    post('Community Safety Manager', { 'Community engagement': 4, Safeguarding: 3, 'Programme management': 3 }),
    post('Station Manager', { 'Risk management': 4, 'Conflict resolution': 3 }),
  ],
  [Sector.EDUCATION]: [
    post('Deputy Principal', { 'Programme management': 4, 'Partnership working': 4, 'Financial management': 3 }),
    post('Head of Employer Engagement', { 'Stakeholder engagement': 5, 'Community engagement': 3, Commissioning: 2 }),
    post('Designated Safeguarding Lead', { Safeguarding: 5, 'Conflict resolution': 3 }),
  ],
  [Sector.HOUSING]: [
    post('Director of Communities', { 'Community engagement': 5, 'Partnership working': 4, 'Financial management': 3 }),
    post('Tenancy Sustainment Manager', { Safeguarding: 4, 'Conflict resolution': 4, 'Data analysis': 2 }),
    post('Asset Strategy Analyst', { 'Data analysis': 4, 'Risk management': 3 }),
  ],
  [Sector.PRIVATE]: [
    post('Head of Corporate Responsibility', { 'Stakeholder engagement': 4, 'Community engagement': 3, 'Partnership working': 3 }),
    post('Regional Operations Director', { 'Programme management': 4, 'Financial management': 4, 'Risk management': 3 }),
    post('Skills and Apprenticeships Manager', { 'Programme management': 3, 'Community engagement': 3 }),
  ],
  [Sector.BUSINESS]: [
    post('Policy Director', { 'Stakeholder engagement': 5, 'Partnership working': 4, 'Data analysis': 3 }),
    post('Economic Development Adviser', { 'Data analysis': 4, 'Programme management': 3, Commissioning: 2 }),
    post('Membership Manager', { 'Stakeholder engagement': 4, 'Community engagement': 3 }),
  ],
  [Sector.COMMUNITY]: [
    post('Centre Manager', { 'Community engagement': 5, Safeguarding: 3, 'Financial management': 2 }),
    post('Chair of Trustees', { 'Partnership working': 3, 'Financial management': 3, 'Conflict resolution': 3 }),
    post('Volunteer Coordinator', { 'Community engagement': 4, Safeguarding: 3, 'Conflict resolution': 2 }),
  ],
  [Sector.VOLUNTARY]: [
    post('Chief Executive', { 'Partnership working': 5, 'Financial management': 4, 'Stakeholder engagement': 4 }),
    post('Services Manager', { 'Programme management': 4, Safeguarding: 4, Commissioning: 2 }),
    post('Advice and Advocacy Lead', { 'Community engagement': 4, 'Conflict resolution': 3, Safeguarding: 3 }),
  ],
};

/** Bodies whose posts differ from their sector's usual ones. */
const POSTS_OF: Record<string, DemoPost[]> = {
  'northumbria-pcc': [
    post('Head of Partnerships and Commissioning', { Commissioning: 5, 'Partnership working': 4, 'Financial management': 3 }),
    post('Violence Reduction Unit Manager', { 'Programme management': 4, 'Data analysis': 4, Safeguarding: 3 }),
    post('Victims Services Lead', { Safeguarding: 4, 'Community engagement': 3 }),
  ],
  probation: [
    post('Head of Probation Delivery Unit', { 'Risk management': 5, 'Partnership working': 4, Safeguarding: 4 }),
    post('Senior Probation Officer', { Safeguarding: 4, 'Conflict resolution': 4, 'Risk management': 3 }),
    post('Community Integration Lead', { 'Community engagement': 4, Commissioning: 3 }),
  ],
};

const FIRST_NAMES = [
  'Aisha', 'Andrew', 'Beth', 'Callum', 'Chloe', 'Claire', 'Connor', 'Daniel', 'Dawn', 'Emma',
  'Fatima', 'Gary', 'Grace', 'Hannah', 'Ian', 'Jack', 'Joanne', 'Karen', 'Kieran', 'Laura',
  'Lee', 'Lucy', 'Mark', 'Megan', 'Michael', 'Nadia', 'Natalie', 'Paul', 'Priya', 'Rachel',
  'Ryan', 'Sarah', 'Sean', 'Stephen', 'Tom', 'Yusuf', 'Zoe',
];

const SURNAMES = [
  'Ahmed', 'Anderson', 'Armstrong', 'Bell', 'Brown', 'Charlton', 'Dixon', 'Elliott', 'Fenwick', 'Forster',
  'Graham', 'Hall', 'Henderson', 'Hussain', 'Johnson', 'Kerr', 'Lamb', 'Liddle', 'Milburn', 'Nicholson',
  'Ogden', 'Patel', 'Potts', 'Reed', 'Ridley', 'Robson', 'Scott', 'Simpson', 'Taylor', 'Thompson',
  'Turnbull', 'Walker', 'Watson', 'Wilkinson', 'Wood', 'Young',
];

/** FNV-1a: a stable small number from a name, so people do not move when the list changes. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The two or three people of a member body. Names, posts and competencies follow from the
 * organisation's name and sector alone, so every run (and every test) sees the same people.
 */
export function peopleOf(organisation: DemoOrganisation): DemoPerson[] {
  const hash = stableHash(organisation.name);
  const count = 2 + (hash % 2);
  const people: DemoPerson[] = [];
  for (let slot = 0; slot < count; slot++) {
    // 11 and 37 are coprime, so the first names of one body's people all differ.
    const first = FIRST_NAMES[(hash + slot * 11) % FIRST_NAMES.length];
    const last = SURNAMES[(Math.floor(hash / FIRST_NAMES.length) + slot * 7) % SURNAMES.length];
    const { jobTitle, competencies } = (POSTS_OF[organisation.key] ?? POSTS[organisation.sector])[slot];
    people.push({
      fullName: `${first} ${last}`,
      jobTitle,
      email: `${first}.${last}@${organisation.key}.example.org`.toLowerCase(),
      competencies: Object.entries(competencies).map(([name, level]) => ({ name, level })),
    });
  }
  return people;
}
