/** The GraphQL documents of a programme's briefings, alignment requests, milestones and recognition pages. */

/** Briefings listed on a page, and alignment requests (the API allows up to 100). */
export const PAGE_SIZE = 20;
/** Recognitions listed for a year (the API's bound is 100; the counts cover all). */
export const RECOGNITIONS_LISTED = 50;

export const BRIEFINGS = /* GraphQL */ `query WebManageBriefings($programmeId: ID!, $first: Int!, $after: String) {
  me { role }
  programme(id: $programmeId) {
    id name
    briefings(first: $first, after: $after) {
      nodes { id title issuedOn issuedByOrganisation { name } acknowledgementCounts { acknowledged recipients } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** The programme the issue form is for (and whether the caller runs it). */
export const PROGRAMME_NAME = /* GraphQL */ `query WebManageProgrammeName($programmeId: ID!) {
  me { role }
  programme(id: $programmeId) { id name }
}`;

export const ISSUE_BRIEFING = /* GraphQL */ `mutation WebManageIssueBriefing($input: IssueBriefingInput!) {
  issueBriefing(input: $input) { id }
}`;

export const BRIEFING = /* GraphQL */ `query WebManageBriefing($id: ID!) {
  briefing(id: $id) {
    id title summary link issuedOn issuedByOrganisation { name }
    programme { id name }
    acknowledgementCounts { acknowledged recipients }
    recipients {
      organisation { id name }
      firstAcknowledgedAt
      acknowledgement { acknowledgedAt cascade note }
    }
  }
}`;

export const ALIGNMENT_REQUESTS = /* GraphQL */ `query WebManageAlignmentRequests($programmeId: ID!, $first: Int!, $after: String, $status: [AlignmentStatus!]) {
  me { role }
  programme(id: $programmeId) {
    id name
    alignmentRequests(first: $first, after: $after, status: $status) {
      nodes {
        id title kind description status requestedOn responseDueOn responseOverdue respondedOn plannedOn adaptedOn
        declineReason withdrawalReason allowedActions
        requestingOrganisation { name } targetOrganisation { name }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** The request form's choices: the bodies taking part now. */
export const ALIGNMENT_FORM = /* GraphQL */ `query WebManageAlignmentForm($programmeId: ID!) {
  me { role }
  programme(id: $programmeId) { id name participants { id name } }
}`;

export const REQUEST_ALIGNMENT = /* GraphQL */ `mutation WebManageRequestAlignment($input: RequestAlignmentInput!) {
  requestAlignment(input: $input) { id }
}`;

export const ALIGNMENT_REQUEST = /* GraphQL */ `query WebManageAlignmentRequest($id: ID!) {
  me { role }
  alignmentRequest(id: $id) {
    id title status allowedActions requestedOn
    programme { id name }
    requestingOrganisation { name } targetOrganisation { name }
  }
}`;

export const WITHDRAW_ALIGNMENT = /* GraphQL */ `mutation WebManageWithdrawAlignment($input: WithdrawAlignmentRequestInput!) {
  withdrawAlignmentRequest(input: $input) { id }
}`;

export const MILESTONES = /* GraphQL */ `query WebManageMilestones($programmeId: ID!, $from: String!, $to: String!, $first: Int!) {
  me { role }
  programme(id: $programmeId) {
    id name
    milestones {
      id name dueOn achievedOn overdue daysOverdue
      contributors { recognised organisation { name } }
    }
    recognitions(first: $first, from: $from, to: $to) {
      total
      recognitions {
        id reason givenOn visibleIn
        creditedPerson { fullName } recipientOrganisation { name }
        givenByPerson { fullName } giverOrganisation { name }
        milestone { name }
      }
    }
  }
}`;

/** The milestone form's choices: the bodies taking part now, and the programme's dates. */
export const MILESTONE_FORM = /* GraphQL */ `query WebManageMilestoneForm($programmeId: ID!) {
  me { role }
  programme(id: $programmeId) { id name startsOn endsOn participants { id name } }
}`;

/** One milestone to change or mark achieved, with its programme's bodies. */
export const MILESTONE = /* GraphQL */ `query WebManageMilestone($id: ID!) {
  me { role }
  milestone(id: $id) {
    id name dueOn achievedOn
    contributors { organisation { id name } }
    programme { id name startsOn endsOn participants { id name } }
  }
}`;

export const CREATE_MILESTONE = /* GraphQL */ `mutation WebManageCreateMilestone($input: CreateMilestoneInput!) {
  createMilestone(input: $input) { id }
}`;

export const UPDATE_MILESTONE = /* GraphQL */ `mutation WebManageUpdateMilestone($input: UpdateMilestoneInput!) {
  updateMilestone(input: $input) { id }
}`;

export const ACHIEVE_MILESTONE = /* GraphQL */ `mutation WebManageAchieveMilestone($input: AchieveMilestoneInput!) {
  achieveMilestone(input: $input) { id }
}`;

/** The recognition form's choices: the bodies taking part and their people, the achieved milestones. */
export const RECOGNITION_FORM = /* GraphQL */ `query WebManageRecognitionForm($programmeId: ID!) {
  me { role }
  programme(id: $programmeId) {
    id name
    participants { id name people { id fullName } }
    milestones { id name achievedOn }
  }
}`;
