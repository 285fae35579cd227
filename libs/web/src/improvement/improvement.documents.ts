/** The GraphQL documents of a programme's improvement pages: measures, reviews and actions. */

/** Completed reviews and actions shown at once; the rest through "Next" links (the API's cursors). */
export const REVIEWS_PAGE = 10;
export const ACTIONS_PAGE = 20;

/** The improvement page: measures with their latest value, the review due, completed reviews and actions (each a page). */
export const IMPROVEMENT_PAGE = /* GraphQL */ `query WebImprovement($id: ID!, $reviewsAfter: String, $actionsAfter: String) {
  me { role }
  programme(id: $id) {
    id name status reviewCadenceDays
    measures(includeRetired: true) { id name unit baseline target direction active retiredOn latestValue { value met periodEnd } }
    nextReview { id dueOn daysOverdue }
    reviews(first: ${REVIEWS_PAGE}, after: $reviewsAfter) {
      nodes { id dueOn daysOverdue periodStart periodEnd completedOn effectivenessRating efficiencyRating findings }
      pageInfo { hasNextPage endCursor }
    }
    improvementActions(first: ${ACTIONS_PAGE}, after: $actionsAfter) {
      nodes { id description dueOn status daysOverdue closedOn note owner { fullName organisation { name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** Adding or changing a measure: the programme and its measures (the one changed among them). */
export const MEASURE_FORM = /* GraphQL */ `query WebMeasureForm($id: ID!) {
  me { role }
  programme(id: $id) { id name measures(includeRetired: true) { id name unit baseline target direction active } }
}`;

export const CREATE_MEASURE = /* GraphQL */ `mutation WebCreateMeasure($input: CreateMeasureInput!) { createMeasure(input: $input) { id } }`;

export const UPDATE_MEASURE = /* GraphQL */ `mutation WebUpdateMeasure($input: UpdateMeasureInput!) { updateMeasure(input: $input) { id } }`;

/** Completing the review due: its active measures, and the people of the bodies taking part (who may own an action). */
export const REVIEW_FORM = /* GraphQL */ `query WebReviewForm($id: ID!) {
  me { role }
  programme(id: $id) {
    id name reviewCadenceDays
    measures { id name unit target direction }
    nextReview { id dueOn daysOverdue }
    participants { id name people { id fullName } }
  }
}`;

export const COMPLETE_REVIEW = /* GraphQL */ `mutation WebCompleteReview($input: CompleteReviewInput!) { completeReview(input: $input) { id } }`;

/** Updating an action: the action, its owner and its programme. */
export const ACTION_FORM = /* GraphQL */ `query WebActionForm($id: ID!) {
  me { role }
  improvementAction(id: $id) {
    id description raisedOn dueOn status daysOverdue closedOn note
    owner { fullName organisation { name } }
    review { programme { id name } }
  }
}`;

export const UPDATE_ACTION = /* GraphQL */ `mutation WebUpdateImprovementAction($input: UpdateImprovementActionInput!) {
  updateImprovementAction(input: $input) { id }
}`;
