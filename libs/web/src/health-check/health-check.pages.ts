import { Request, Response } from 'express';
import { WebKit } from '../web-kit';
import { ANSWER_CHOICES, FieldError, MAX_COMMENT_LENGTH, parseAnswerForm } from './answer-form';
import {
  HealthCheckChangeDocument,
  HealthCheckChangePageDocument,
  HealthCheckQuestionsPageDocument,
  HealthCheckQuestionsPageQuery,
  HealthCheckSubmitDocument,
} from '../graphql/generated';

/** What both question pages show (the same fields for a link and for an edit code). */
type Questions = HealthCheckQuestionsPageQuery['healthCheckQuestions'];

/** The response link's token, moved here from the link's URL on its first request. */
const LINK_COOKIE = 'joinedup_health_check';
const LINK_PATH = '/health-check';

const CANNOT_USE = ['This health-check link cannot be used.'];

/**
 * The respondent's pages, without signing in: the link (HEALTH_CHECK_LINK_BASE + token)
 * lands on /health-check/start/<token>, which keeps the token in an httpOnly cookie and
 * redirects to /health-check, so the token is in no later URL, Referer or history entry.
 */
export function registerHealthCheckPages(kit: WebKit): void {
  kit.get(`${LINK_PATH}/start/:token`, async (req, res) => {
    kit.cookie(res, LINK_COOKIE, String(req.params.token).slice(0, 200), LINK_PATH);
    res.redirect(303, LINK_PATH);
  });

  kit.get(LINK_PATH, async (req, res) => showQuestions(kit, req, res, []));

  kit.post(LINK_PATH, async (req, res) => {
    const parsed = parseAnswerForm(req.body);
    if (parsed.errors.length) return showQuestions(kit, req, res, parsed.errors, parsed.values);
    const token = linkToken(req);
    if (!token) return kit.message(res, 404, 'This link cannot be used', ...CANNOT_USE);
    const result = await kit.run(HealthCheckSubmitDocument, { input: { token, answers: parsed.answers } }, req);
    const error = result.errors?.[0];
    if (error?.extensions.code === 'BAD_USER_INPUT' && error.extensions.field === 'token') return cannotUse(kit, res);
    if (error?.extensions.code === 'BAD_USER_INPUT' || error?.extensions.code === 'CONFLICT') {
      return showQuestions(kit, req, res, [{ href: '#main-content', text: error.message }], parsed.values);
    }
    if (error) return kit.refusal(res, error);
    // The link is used up: its token has no further use here.
    res.clearCookie(LINK_COOKIE, { path: LINK_PATH });
    kit.render(res, 'health-check/sent.njk', { title: 'Your answers have been sent', ...result.data!.submitHealthCheck });
  });

  kit.get(`${LINK_PATH}/change`, async (_req, res) => {
    kit.render(res, 'health-check/edit-code.njk', { title: 'Change your health-check answers', fieldErrors: {} });
  });

  // The edit code travels in form bodies only, never in a URL.
  kit.post(`${LINK_PATH}/change`, async (req, res) => {
    const editCode = typeof req.body.editCode === 'string' ? req.body.editCode.trim().slice(0, 200) : '';
    if (!editCode) return editCodeProblem(kit, res, '', 'Enter your edit code');
    await showQuestionsToChange(kit, req, res, editCode, []);
  });

  kit.post(`${LINK_PATH}/change/answers`, async (req, res) => {
    const editCode = typeof req.body.editCode === 'string' ? req.body.editCode.slice(0, 200) : '';
    const parsed = parseAnswerForm(req.body);
    if (parsed.errors.length) return showQuestionsToChange(kit, req, res, editCode, parsed.errors, parsed.values);
    const result = await kit.run(HealthCheckChangeDocument, { input: { editCode, answers: parsed.answers } }, req);
    const error = result.errors?.[0];
    if (error?.extensions.code === 'BAD_USER_INPUT' && error.extensions.field === 'editCode') return editCodeProblem(kit, res, editCode, error.message);
    if (error?.extensions.code === 'BAD_USER_INPUT') {
      return showQuestionsToChange(kit, req, res, editCode, [{ href: '#main-content', text: error.message }], parsed.values);
    }
    if (error) return kit.refusal(res, error);
    kit.render(res, 'health-check/sent.njk', { title: 'Your answers have been changed', closesOn: result.data!.changeHealthCheckAnswers.closesOn });
  });
}

function linkToken(req: Request): string | undefined {
  const token: unknown = req.cookies?.[LINK_COOKIE];
  return typeof token === 'string' && token ? token : undefined;
}

function cannotUse(kit: WebKit, res: Response): void {
  kit.message(res, 404, 'This link cannot be used', ...CANNOT_USE);
}

function editCodeProblem(kit: WebKit, res: Response, editCode: string, message: string): void {
  kit.render(res, 'health-check/edit-code.njk', {
    title: 'Change your health-check answers',
    editCode,
    errors: [{ href: '#editCode', text: message }],
    fieldErrors: { editCode: message },
  }, 400);
}

async function showQuestions(kit: WebKit, req: Request, res: Response, errors: FieldError[], values = emptyValues()): Promise<void> {
  const token = linkToken(req);
  if (!token) return cannotUse(kit, res);
  const result = await kit.run(HealthCheckQuestionsPageDocument, { token }, req);
  const error = result.errors?.[0];
  if (error?.extensions.code === 'BAD_USER_INPUT') return cannotUse(kit, res);
  if (error) return kit.refusal(res, error);
  renderAnswers(kit, res, result.data!.healthCheckQuestions, { action: LINK_PATH }, errors, values);
}

async function showQuestionsToChange(
  kit: WebKit,
  req: Request,
  res: Response,
  editCode: string,
  errors: FieldError[],
  values = emptyValues(),
): Promise<void> {
  const result = await kit.run(HealthCheckChangePageDocument, { editCode }, req);
  const error = result.errors?.[0];
  if (error?.extensions.code === 'BAD_USER_INPUT') return editCodeProblem(kit, res, editCode, error.message);
  if (error) return kit.refusal(res, error);
  renderAnswers(kit, res, result.data!.healthCheckQuestionsToChange, { action: `${LINK_PATH}/change/answers`, editCode }, errors, values);
}

function renderAnswers(
  kit: WebKit,
  res: Response,
  questions: Questions,
  form: { action: string; editCode?: string },
  errors: FieldError[],
  values: ReturnType<typeof emptyValues>,
): void {
  const fieldErrors = Object.fromEntries(errors.map((e) => [e.href.slice(1), e.text]));
  const fields = { questions, choices: ANSWER_CHOICES, maxComment: MAX_COMMENT_LENGTH, values, fieldErrors };
  // A blank form shows only the round's statements: rendered once per set of statements.
  const blank = !errors.length && !Object.keys(values.answers).length && !Object.keys(values.comments).length;
  const statementFields = kit.part('health-check/statement-fields.njk', fields, blank ? JSON.stringify(questions.statements) : undefined);
  const page = {
    title: questions.roundTitle,
    questions,
    ...form,
    statementIds: questions.statements.map((s) => s.id).join(','),
    statementFields,
    errors,
  };
  // A blank form is the same page for everyone of one organisation in one round: kept
  // (not one to change answers: that page holds the respondent's edit code).
  // Keyed by what it is made of (its fields are the statements'), not the 25 kB of fields.
  if (blank && !form.editCode) kit.renderKept(res, 'health-check/answers.njk', page, JSON.stringify([questions, form]));
  else kit.render(res, 'health-check/answers.njk', page, errors.length ? 400 : 200);
}

const emptyValues = () => ({ answers: {} as Record<string, string>, comments: {} as Record<string, string> });
