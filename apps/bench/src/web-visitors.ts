import { randomUUID } from 'node:crypto';
import { graphqlData } from './http-answer';
import { WebData } from './web-data';
import { WebVisitor } from './web-visitor';

/** Who reads the benchmarked pages, each signed in (or holding a link) as a browser would. */
export interface WebVisitors {
  /** A partnership coordinator, signed in through /sign-in. */
  coordinator: WebVisitor;
  /** The member representative of one of the locality's bodies, signed in through /sign-in. */
  representative: WebVisitor;
  representativeOrganisationId: string;
  /** A respondent who opened a health-check link (its token now in a cookie). */
  respondent: WebVisitor;
  /** That link's token, for the questions' document alone. */
  linkToken: string;
  roundId: string;
  invited: number;
}

const OPEN_ROUND = `mutation($input: OpenSurveyRoundInput!) { openSurveyRound(input: $input) { id } }`;
const INVITE = `mutation($input: InviteToSurveyRoundInput!) { inviteToSurveyRound(input: $input) { invited links { token } } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const MEMBERS = `query($id: ID!) { locality(id: $id) { members { organisation { id } } } }`;

/**
 * Through the API, as the tenant administrator: a coordinator and a member representative
 * (who then sign in through the web pages), and a health-check round of the locality open
 * for two weeks with every person invited; one respondent opens their link.
 */
export async function webVisitors(baseUrl: string, data: WebData): Promise<WebVisitors> {
  const { tenant, localityId } = data;
  const admin = await graphqlData<{ signIn: { accessToken: string } }>(baseUrl, `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`, {
    input: { tenant: tenant.slug, email: tenant.adminEmail, password: tenant.adminPassword },
  });
  const as = admin.signIn.accessToken;
  const members = await graphqlData<{ locality: { members: { organisation: { id: string } }[] } }>(baseUrl, MEMBERS, { id: localityId }, as);
  const representativeOrganisationId = members.locality.members[0].organisation.id;

  const user = async (role: string, organisationId?: string): Promise<WebVisitor> => {
    const email = `${role.toLowerCase()}@${tenant.slug}.test`;
    // Random, so a kept database holds no known credential.
    const password = `bench ${randomUUID()}`;
    await graphqlData(baseUrl, CREATE_USER, { input: { email, displayName: `Benchmark ${role}`, password, role, organisationId } }, as);
    return new WebVisitor(baseUrl).signIn(tenant.slug, email, password);
  };
  const coordinator = await user('COORDINATOR');
  const representative = await user('MEMBER_REPRESENTATIVE', representativeOrganisationId);

  const today = new Date().toISOString().slice(0, 10);
  const closesOn = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const round = await graphqlData<{ openSurveyRound: { id: string } }>(
    baseUrl,
    OPEN_ROUND,
    { input: { localityId, title: 'Benchmark health check', opensOn: today, closesOn } },
    coordinator.accessToken,
  );
  const roundId = round.openSurveyRound.id;
  const invitation = await graphqlData<{ inviteToSurveyRound: { invited: number; links: { token: string }[] } }>(baseUrl, INVITE, { input: { roundId } }, coordinator.accessToken);
  const linkToken = invitation.inviteToSurveyRound.links[0].token;
  const respondent = new WebVisitor(baseUrl);
  const landing = await respondent.get(`/health-check/start/${encodeURIComponent(linkToken)}`);
  if (landing.status !== 303) throw new Error(`the health-check link did not redirect to the form (${landing.status})`);
  return { coordinator, representative, representativeOrganisationId, respondent, linkToken, roundId, invited: invitation.inviteToSurveyRound.invited };
}
