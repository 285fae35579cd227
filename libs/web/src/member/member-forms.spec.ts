import { MAX_ALIGNMENT_TEXT, MAX_COMMENT, MAX_NOTE, party, readAcknowledgement, readAlignmentAnswer, readConflict, readConflictAction, readEndorsement, readRecognition } from './member-forms';

const ID = '0b6f1f3e-2c1a-4d3b-9e8f-1a2b3c4d5e6f';

describe('member forms', () => {
  it('needs a cascade the API knows and bounds the note', () => {
    expect(readAcknowledgement({ cascade: 'EVERYONE', note: 'x'.repeat(MAX_NOTE + 1) }).errors.map((e) => e.href)).toEqual(['#cascade', '#note']);
    expect(readAcknowledgement({ cascade: 'MANAGERS', note: '  Told them  ' })).toEqual({ values: { cascade: 'MANAGERS', note: 'Told them' }, errors: [] });
  });

  it('reads one or many parties, keeping only ids, once each', () => {
    const body = { category: 'CULTURE', severity: 'LOW', title: 'T', description: 'D' };
    expect(readConflict({ ...body, partyIds: ID }).values.partyIds).toEqual([ID]);
    expect(readConflict({ ...body, partyIds: [ID, ID.toUpperCase(), 'x'] }).values.partyIds).toEqual([ID]);
    expect(readConflict({ ...body, partyIds: ['x'] }).errors.map((e) => e.href)).toEqual(['#partyIds']);
  });

  it('names every missing field, in the order of the form', () => {
    expect(readConflict({}).errors.map((e) => e.href)).toEqual(['#partyIds', '#category', '#severity', '#title', '#description']);
    expect(readConflict({ partyIds: ID, category: 'OTHER', severity: 'HIGH', title: 'x'.repeat(201), description: 'D' }).errors).toEqual([
      { href: '#title', text: 'Title must be 200 characters or fewer' },
    ]);
  });
});

describe('answering an alignment request', () => {
  const agree = { answer: 'AGREE', 'plannedOn-day': '3', 'plannedOn-month': '4', 'plannedOn-year': '2027', note: ' By April ' };

  it('agrees with a planned day and an optional note, or declines with a reason', () => {
    expect(readAlignmentAnswer(agree).input).toEqual({ answer: 'AGREE', plannedOn: '2027-04-03', note: 'By April' });
    expect(readAlignmentAnswer({ ...agree, note: '' }).input).toEqual({ answer: 'AGREE', plannedOn: '2027-04-03', note: null });
    expect(readAlignmentAnswer({ answer: 'DECLINE', reason: ' No budget ', 'plannedOn-day': '99' }).input).toEqual({ answer: 'DECLINE', reason: 'No budget' });
  });

  it('says what is missing for the answer chosen, and only for it', () => {
    expect(readAlignmentAnswer({}).errors.map((e) => e.href)).toEqual(['#answer']);
    expect(readAlignmentAnswer({ answer: 'AGREE', reason: '' }).errors).toEqual([{ href: '#plannedOn-day', text: 'Enter the day your body plans to have adapted by' }]);
    expect(readAlignmentAnswer({ ...agree, 'plannedOn-day': '31', 'plannedOn-month': '2' }).errors[0].text).toMatch(/as a real date/);
    expect(readAlignmentAnswer({ answer: 'DECLINE' }).errors).toEqual([{ href: '#reason', text: 'Enter why your body will not adapt' }]);
    expect(readAlignmentAnswer({ answer: 'DECLINE', reason: 'x'.repeat(MAX_ALIGNMENT_TEXT + 1) }).errors.map((e) => e.href)).toEqual(['#reason']);
    expect(readAlignmentAnswer({ answer: 'WITHDRAW' }).input).toBeUndefined();
  });
});

describe('endorsing a nomination', () => {
  it('supports without a reason, but withholds support only with one', () => {
    expect(readEndorsement({ position: 'SUPPORT' })).toEqual({ values: { position: 'SUPPORT', comment: '' }, errors: [] });
    expect(readEndorsement({ position: 'OPPOSE' }).errors).toEqual([{ href: '#comment', text: 'Enter why your body opposes' }]);
    expect(readEndorsement({ position: 'ABSTAIN', comment: '  ' }).errors).toEqual([{ href: '#comment', text: 'Enter why your body abstains' }]);
    expect(readEndorsement({ position: 'ABSTAIN', comment: 'Not our field' }).errors).toEqual([]);
  });

  it('needs a position the API knows and bounds the reason', () => {
    expect(readEndorsement({ position: 'MAYBE', comment: 'x'.repeat(MAX_COMMENT + 1) }).errors.map((e) => e.href)).toEqual(['#position', '#comment']);
  });
});

describe('recording recognition', () => {
  const filled = { credited: `person:${ID}`, givenBy: `organisation:${ID}`, reason: ' Ran the winter rota ', visibleIn: ['PUBLIC', 'PARTNERSHIP_BOARD'] };

  it('gives the API one credited party and one giver, the places in order, today when no day is given', () => {
    expect(readRecognition(filled).input).toEqual({
      creditedPersonId: ID,
      givenByOrganisationId: ID,
      reason: 'Ran the winter rota',
      milestoneId: null,
      visibleIn: ['PARTNERSHIP_BOARD', 'PUBLIC'],
    });
    const dated = readRecognition({ ...filled, credited: `organisation:${ID}`, givenBy: `person:${ID}`, milestoneId: ID, visibleIn: 'OWN_ORGANISATION', 'givenOn-day': '2', 'givenOn-month': '1', 'givenOn-year': '2026' });
    expect(dated.input).toMatchObject({ creditedOrganisationId: ID, givenByPersonId: ID, milestoneId: ID, givenOn: '2026-01-02', visibleIn: ['OWN_ORGANISATION'] });
  });

  it('names every missing field in the order of the form', () => {
    expect(readRecognition({}).errors.map((e) => e.href)).toEqual(['#credited', '#givenBy', '#reason', '#visibleIn']);
    expect(readRecognition({ ...filled, credited: 'person:x', visibleIn: ['EVERYWHERE'], 'givenOn-day': '30', 'givenOn-month': '2', 'givenOn-year': '2026' }).errors.map((e) => e.href)).toEqual([
      '#credited',
      '#givenOn-day',
      '#visibleIn',
    ]);
  });

  it('reads a party only as person:<id> or organisation:<id>', () => {
    expect(party(`organisation:${ID.toUpperCase()}`)).toEqual({ kind: 'organisation', id: ID });
    expect(party(`team:${ID}`)).toBeUndefined();
    expect(party(ID)).toBeUndefined();
  });
});

describe('acting on a conflict', () => {
  it('offers only the actions allowed now, with an optional bounded note', () => {
    expect(readConflictAction({ action: 'ACKNOWLEDGE', note: ' Seen ' }, ['ACKNOWLEDGE', 'COMMENT'])).toEqual({ values: { action: 'ACKNOWLEDGE', note: 'Seen' }, errors: [] });
    expect(readConflictAction({ action: 'ESCALATE' }, ['ACKNOWLEDGE']).errors).toEqual([{ href: '#action', text: 'Select what your body does about the conflict' }]);
    expect(readConflictAction({ action: 'COMMENT' }, ['COMMENT']).errors.map((e) => e.href)).toEqual(['#action']);
    expect(readConflictAction({ action: 'START_RESOLUTION', note: 'x'.repeat(5001) }, ['START_RESOLUTION']).errors.map((e) => e.href)).toEqual(['#note']);
  });
});
