import { randomUUID } from 'node:crypto';
import { ApiHarness } from './api-harness';

/** Small builders of registry records over GraphQL, as a coordinator would make them. */
export class RegistryFactory {
  constructor(
    private readonly api: ApiHarness,
    private readonly token: string,
  ) {}

  async locality(name = `Locality ${randomUUID().slice(0, 6)}`): Promise<{ id: string; name: string }> {
    const data = await this.api.ok(
      `mutation($input: CreateLocalityInput!) { createLocality(input: $input) { id name } }`,
      { input: { name, code: `E${randomUUID().slice(0, 8)}`, region: 'North East' } },
      this.token,
    );
    return data.createLocality;
  }

  async organisation(sector = 'LOCAL_AUTHORITY', name = `Body ${randomUUID().slice(0, 8)}`): Promise<{ id: string; name: string }> {
    const data = await this.api.ok(
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name } }`,
      { input: { name, sector } },
      this.token,
    );
    return data.createOrganisation;
  }

  async addMember(localityId: string, organisationId: string): Promise<void> {
    await this.api.ok(
      `mutation($input: AddMemberInput!) { addMember(input: $input) { id } }`,
      { input: { localityId, organisationId } },
      this.token,
    );
  }

  /** `count` new organisations, each an active member of the locality (named by `names` where given). */
  async members(localityId: string, count: number, names: string[] = []): Promise<{ id: string; name: string }[]> {
    const organisations = [];
    for (let i = 0; i < count; i++) {
      const organisation = await this.organisation(undefined, names[i]);
      await this.addMember(localityId, organisation.id);
      organisations.push(organisation);
    }
    return organisations;
  }

  /** A person of the organisation; `email` null makes one without an email address. */
  async person(
    organisationId: string,
    fullName = `Person ${randomUUID().slice(0, 6)}`,
    email: string | null = 'someone@example.org',
  ): Promise<{ id: string }> {
    const data = await this.api.ok(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`,
      {
        input: {
          organisationId,
          fullName,
          jobTitle: 'Director',
          ...(email === null ? {} : { email }),
          competencies: [{ name: 'Programme management', level: 4 }],
        },
      },
      this.token,
    );
    return data.createPerson;
  }

  async programme(
    localityId: string,
    participantIds: string[],
    extra: Record<string, unknown> = {},
  ): Promise<{ id: string; name: string }> {
    const data = await this.api.ok(
      `mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { id name } }`,
      { input: { localityId, name: `Programme ${randomUUID().slice(0, 6)}`, status: 'ACTIVE', participantIds, ...extra } },
      this.token,
    );
    return data.createProgramme;
  }

  async nominate(programmeId: string, personId: string, token = this.token): Promise<{ id: string }> {
    const data = await this.api.ok(
      `mutation($input: NominateLeaderInput!) { nominateLeader(input: $input) { id status } }`,
      { input: { programmeId, personId } },
      token,
    );
    return data.nominateLeader;
  }
}

export const ENDORSE = `mutation($input: EndorseNominationInput!) {
  endorseNomination(input: $input) { id status tally { supporting opposing abstaining pending agreed } }
}`;
