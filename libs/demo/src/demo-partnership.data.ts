import { Role } from '@joinedup/auth';
import { Sector } from '@joinedup/registry';

/**
 * The demo partnership: two north-east localities and their member bodies. Natural keys
 * (locality code, organisation name) are what a re-run looks records up by, so renaming
 * one here adds a new record next to the old one.
 */
export interface DemoLocality {
  code: string;
  name: string;
  region: string;
}

export const GATESHEAD = 'E08000037';
export const SUNDERLAND = 'E08000024';

export const DEMO_LOCALITIES: readonly DemoLocality[] = [
  { code: GATESHEAD, name: 'Gateshead', region: 'North East' },
  { code: SUNDERLAND, name: 'Sunderland', region: 'North East' },
];

export interface DemoOrganisation {
  /** Short stable key: the example mail domain of its people and of its representative. */
  key: string;
  name: string;
  sector: Sector;
  /** Codes of the localities it is an active member of. */
  localities: readonly string[];
}

const BOTH = [GATESHEAD, SUNDERLAND];
const G = [GATESHEAD];
const S = [SUNDERLAND];

const org = (key: string, name: string, sector: Sector, localities: readonly string[]): DemoOrganisation => ({
  key,
  name,
  sector,
  localities,
});

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  // Bodies that serve the whole of Tyne and Wear are members of both localities.
  org('neca', 'North East Combined Authority', Sector.LOCAL_AUTHORITY, BOTH),
  org('nexus', 'Nexus (Tyne and Wear Passenger Transport Executive)', Sector.LOCAL_AUTHORITY, BOTH),
  org('nenc-icb', 'North East and North Cumbria Integrated Care Board', Sector.HEALTH, BOTH),
  org('cntw', 'Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust', Sector.HEALTH, BOTH),
  org('neas', 'North East Ambulance Service NHS Foundation Trust', Sector.HEALTH, BOTH),
  org('dwp-jobcentre', 'DWP Jobcentre Plus', Sector.CENTRAL_GOVERNMENT, BOTH),
  org('probation', 'Probation Service North East', Sector.CENTRAL_GOVERNMENT, BOTH),
  org('homes-england', 'Homes England', Sector.CENTRAL_GOVERNMENT, BOTH),
  org('northumbria-police', 'Northumbria Police', Sector.POLICE, BOTH),
  org('northumbria-pcc', 'Office of the Northumbria Police and Crime Commissioner', Sector.POLICE, BOTH),
  org('twfrs', 'Tyne and Wear Fire and Rescue Service', Sector.FIRE_AND_RESCUE, BOTH),
  org('karbon', 'Karbon Homes', Sector.HOUSING, BOTH),
  org('northumbrian-water', 'Northumbrian Water', Sector.PRIVATE, BOTH),
  org('go-north-east', 'Go North East', Sector.PRIVATE, BOTH),
  org('ne-chamber', 'North East Chamber of Commerce', Sector.BUSINESS, BOTH),
  org('fsb-north-east', 'Federation of Small Businesses North East', Sector.BUSINESS, BOTH),
  org('groundwork', 'Groundwork North East & Cumbria', Sector.VOLUNTARY, BOTH),

  // Gateshead
  org('gateshead-council', 'Gateshead Council', Sector.LOCAL_AUTHORITY, G),
  org('gateshead-health', 'Gateshead Health NHS Foundation Trust', Sector.HEALTH, G),
  org('gateshead-cbc', 'Gateshead Community Based Care', Sector.HEALTH, G),
  org('gateshead-college', 'Gateshead College', Sector.EDUCATION, G),
  org('emmanuel-college', 'Emmanuel College', Sector.EDUCATION, G),
  org('gateshead-housing', 'The Gateshead Housing Company', Sector.HOUSING, G),
  org('metrocentre', 'Metrocentre Gateshead', Sector.PRIVATE, G),
  org('ngi', 'NewcastleGateshead Initiative', Sector.BUSINESS, G),
  org('connected-voice', 'Connected Voice', Sector.VOLUNTARY, G),
  org('age-uk-gateshead', 'Age UK Gateshead', Sector.VOLUNTARY, G),
  org('ca-gateshead', 'Citizens Advice Gateshead', Sector.VOLUNTARY, G),
  org('gateshead-carers', 'Gateshead Carers', Sector.VOLUNTARY, G),
  org('edberts-house', 'Edberts House', Sector.COMMUNITY, G),
  org('gateshead-opa', "Gateshead Older People's Assembly", Sector.COMMUNITY, G),
  org('bensham-grove', 'Bensham Grove Community Centre', Sector.COMMUNITY, G),
  org('gateshead-foodbank', 'Gateshead Foodbank', Sector.COMMUNITY, G),

  // Sunderland
  org('sunderland-council', 'Sunderland City Council', Sector.LOCAL_AUTHORITY, S),
  org('together-for-children', 'Together for Children Sunderland', Sector.LOCAL_AUTHORITY, S),
  org('stsft', 'South Tyneside and Sunderland NHS Foundation Trust', Sector.HEALTH, S),
  org('sunderland-gp-alliance', 'Sunderland GP Alliance', Sector.HEALTH, S),
  org('sunderland-college', 'Sunderland College', Sector.EDUCATION, S),
  org('sunderland-university', 'University of Sunderland', Sector.EDUCATION, S),
  org('gentoo', 'Gentoo Group', Sector.HOUSING, S),
  org('nissan', 'Nissan Motor Manufacturing (UK)', Sector.PRIVATE, S),
  org('sunderland-bid', 'Sunderland Business Improvement District', Sector.BUSINESS, S),
  org('svsa', 'Sunderland Voluntary Sector Alliance', Sector.VOLUNTARY, S),
  org('age-uk-sunderland', 'Age UK Sunderland', Sector.VOLUNTARY, S),
  org('ca-sunderland', 'Citizens Advice Sunderland', Sector.VOLUNTARY, S),
  org('sunderland-carers', "Sunderland Carers' Centre", Sector.VOLUNTARY, S),
  org('foundation-of-light', 'Foundation of Light', Sector.VOLUNTARY, S),
  org('pallion-action-group', 'Pallion Action Group', Sector.COMMUNITY, S),
  org('southwick-youth', 'Southwick Neighbourhood Youth Project', Sector.COMMUNITY, S),
  org('back-on-the-map', 'Back on the Map', Sector.COMMUNITY, S),
];

export interface DemoUser {
  /** The part before `@<tenant slug>.demo`. */
  localPart: string;
  displayName: string;
  role: Role;
  /** Key of the organisation a member representative acts for. */
  organisation?: string;
}

export const DEMO_STAFF_USERS: readonly DemoUser[] = [
  { localPart: 'coordinator', displayName: 'Partnership coordinator', role: Role.COORDINATOR },
  { localPart: 'reviewer', displayName: 'Partnership board reviewer', role: Role.REVIEWER },
];

/**
 * Organisations with a demo member representative (`rep.<key>@<slug>.demo`): bodies of
 * the programmes whose nomination is still open, some that have endorsed and some that
 * have not, so each can be tried from both sides.
 */
export const DEMO_REPRESENTED: readonly string[] = [
  'gateshead-council',
  'gateshead-housing',
  'groundwork',
  'ne-chamber',
  'sunderland-council',
  'gentoo',
  'sunderland-bid',
  'back-on-the-map',
];

export const organisationByKey = (key: string): DemoOrganisation => {
  const found = DEMO_ORGANISATIONS.find((o) => o.key === key);
  if (!found) throw new Error(`No demo organisation "${key}"`);
  return found;
};
