import { Request, Response } from 'express';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { PageError, PageResult } from '../graphql-runner';
import {
  WebCloseRoundDocument,
  WebInviteDocument,
  WebOpenRoundDocument,
  WebOpenRoundFormDocument,
  WebRoundDocument,
  WebRoundLocalitiesDocument,
  WebRoundResultsDocument,
  WebRoundsDocument,
} from '../graphql/generated';
import { FieldError } from '../health-check/answer-form';
import { SignedInSession } from '../session/signed-in';
import { WebKit, cursorOf, fieldErrorsOf, paramOf } from '../web-kit';
import { fieldOfApiError, MIN_GROUP_SIZE, parseRoundForm, RoundFormValues } from './round-form';
import { PAGE_SIZE } from './rounds.documents';

export const ROUNDS_PATH = '/health-check-rounds';

/** Who may do what here, as the API's roles say (HEALTH_CHECK_MANAGERS, HEALTH_CHECK_READERS). */
const WHO_MANAGES = 'Only partnership coordinators and tenant administrators can open, invite to and close health-check rounds.';
const WHO_READS = 'Only partnership coordinators, tenant administrators and reviewers can see health-check rounds and their results.';

const EMPTY_FORM: RoundFormValues = {
  title: '',
  opensOn: { day: '', month: '', year: '' },
  closesOn: { day: '', month: '', year: '' },
  programmeId: '',
  countNeutral: false,
  minGroupSize: String(MIN_GROUP_SIZE.default),
};

/**
 * The coordinator's health-check rounds: a locality's rounds, opening one, inviting its
 * bodies (the links shown once, as the API returns them), the round with its counts,
 * closing it, and its results. Every page runs as the signed-in user.
 */
export function registerRoundPages(kit: WebKit, session: SignedInSession): void {
  /** The page's document as the signed-in user; undefined once the browser was sent to sign in or shown a refusal. */
  async function run<TResult, TVariables>(
    req: Request,
    res: Response,
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    who: string,
  ): Promise<PageResult<TResult> | undefined> {
    const result = await session.run(req, res, document, variables);
    if (!result) {
      res.redirect(303, '/sign-in');
      return undefined;
    }
    const error = result.errors?.[0];
    if (error && refused(kit, res, error, who)) return undefined;
    return result;
  }

  kit.get(ROUNDS_PATH, async (req, res) => {
    const result = await run(req, res, WebRoundLocalitiesDocument, { first: PAGE_SIZE, after: cursorOf(req) }, WHO_READS);
    if (!result) return;
    if (result.errors?.length) return unexpected(result.errors[0]);
    kit.render(res, 'health-check-rounds/localities.njk', { title: 'Health checks', localities: result.data!.localities });
  });

  kit.get(`${ROUNDS_PATH}/localities/:localityId`, async (req, res) => {
    const result = await run(req, res, WebRoundsDocument, { localityId: paramOf(req, 'localityId'), first: PAGE_SIZE, after: cursorOf(req) }, WHO_READS);
    if (!result) return;
    if (result.errors?.length) return unexpected(result.errors[0]);
    const { locality, surveyRounds } = result.data!;
    kit.render(res, 'health-check-rounds/rounds.njk', { title: `Health checks of ${locality.name}`, locality, rounds: surveyRounds, path: ROUNDS_PATH });
  });

  kit.get(`${ROUNDS_PATH}/localities/:localityId/open`, async (req, res) => {
    await showOpenForm(req, res, EMPTY_FORM, []);
  });

  kit.post(`${ROUNDS_PATH}/localities/:localityId/open`, async (req, res) => {
    const parsed = parseRoundForm(req.body ?? {});
    if (!parsed.input) return showOpenForm(req, res, parsed.values, parsed.errors);
    const result = await run(req, res, WebOpenRoundDocument, { input: { localityId: paramOf(req, 'localityId'), ...parsed.input } }, WHO_MANAGES);
    if (!result) return;
    const error = result.errors?.[0];
    if (error?.extensions.code === 'BAD_USER_INPUT') {
      return showOpenForm(req, res, parsed.values, [{ href: fieldOfApiError(error.extensions.field), text: error.message }]);
    }
    if (error) return unexpected(error);
    res.redirect(303, `${ROUNDS_PATH}/rounds/${result.data!.openSurveyRound.id}`);
  });

  async function showOpenForm(req: Request, res: Response, values: RoundFormValues, errors: FieldError[]): Promise<void> {
    const result = await run(req, res, WebOpenRoundFormDocument, { localityId: paramOf(req, 'localityId') }, WHO_MANAGES);
    if (!result) return;
    if (result.errors?.length) return unexpected(result.errors[0]);
    const { locality } = result.data!;
    const programmes = [
      { value: '', text: `All member bodies of ${locality.name}`, selected: !values.programmeId },
      ...locality.programmes.map((p) => ({ value: p.id, text: p.status === 'ACTIVE' ? p.name : `${p.name} (${p.status.toLowerCase()})`, selected: p.id === values.programmeId })),
    ];
    kit.render(res, 'health-check-rounds/open.njk', {
      title: 'Open a health-check round',
      locality,
      programmes,
      minGroupSize: MIN_GROUP_SIZE,
      values,
      errors,
      fieldErrors: fieldErrorsOf(errors),
      path: ROUNDS_PATH,
    }, errors.length ? 400 : 200);
  }

  kit.get(`${ROUNDS_PATH}/rounds/:roundId`, async (req, res) => {
    const result = await run(req, res, WebRoundDocument, { id: paramOf(req, 'roundId') }, WHO_READS);
    if (!result) return;
    if (result.errors?.length) return unexpected(result.errors[0]);
    const round = result.data!.surveyRound;
    kit.render(res, 'health-check-rounds/round.njk', { title: round.title, round, path: ROUNDS_PATH });
  });

  // The links are in this response only: the API keeps their hashes, and nothing here stores them.
  kit.post(`${ROUNDS_PATH}/rounds/:roundId/invite`, async (req, res) => {
    const result = await run(req, res, WebInviteDocument, { input: { roundId: paramOf(req, 'roundId') } }, WHO_MANAGES);
    if (!result) return;
    const error = result.errors?.[0];
    if (error?.extensions.code === 'BAD_USER_INPUT' || error?.extensions.code === 'CONFLICT') {
      return kit.message(res, 400, 'Nobody was invited', error.message);
    }
    if (error) return unexpected(error);
    kit.render(res, 'health-check-rounds/invited.njk', { title: 'People invited', invitations: result.data!.inviteToSurveyRound, roundId: req.params.roundId, path: ROUNDS_PATH });
  });

  kit.post(`${ROUNDS_PATH}/rounds/:roundId/close`, async (req, res) => {
    const result = await run(req, res, WebCloseRoundDocument, { roundId: paramOf(req, 'roundId') }, WHO_MANAGES);
    if (!result) return;
    const error = result.errors?.[0];
    if (error?.extensions.code === 'BAD_USER_INPUT' || error?.extensions.code === 'CONFLICT') {
      return kit.message(res, 400, 'The round was not closed', error.message);
    }
    if (error) return unexpected(error);
    res.redirect(303, `${ROUNDS_PATH}/rounds/${req.params.roundId}`);
  });

  kit.get(`${ROUNDS_PATH}/rounds/:roundId/results`, async (req, res) => {
    const result = await run(req, res, WebRoundResultsDocument, { roundId: paramOf(req, 'roundId') }, WHO_READS);
    if (!result) return;
    if (result.errors?.length) return unexpected(result.errors[0]);
    const results = result.data!.healthCheckResults;
    kit.render(res, 'health-check-rounds/results.njk', { title: `Results: ${results.round.title}`, results, path: ROUNDS_PATH });
  });
}

/** Refusals shown as pages that say why: true when one was shown. */
function refused(kit: WebKit, res: Response, error: PageError, who: string): boolean {
  const code = error.extensions.code;
  if (code === 'FORBIDDEN') kit.message(res, 403, 'You cannot do this', who);
  // An id in the address that names nothing; a programme chosen on the open-a-round form is that form's error.
  else if (code === 'NOT_FOUND' || (code === 'BAD_USER_INPUT' && /id$/i.test(String(error.extensions.field ?? '')) && error.extensions.field !== 'programmeId')) {
    kit.message(res, 404, 'Page not found', 'There is no such locality or round, or it is not one you can see.');
  } else return false;
  return true;
}

function unexpected(error: PageError): never {
  throw new Error(`Unexpected ${error.extensions.code} from a health-check round page`);
}
