import { milestoneValues, readAchieved, readAlignmentRequest, readBriefing, readMilestone, readWithdrawal } from './programme-records-forms';

const A = '0b0f8e4e-6a1e-4a43-9f5e-0a7b7c4c1d11';
const B = '1b0f8e4e-6a1e-4a43-9f5e-0a7b7c4c1d12';

describe('programme records forms', () => {
  it('reads a briefing, with the link and day optional', () => {
    expect(readBriefing({ title: ' Winter plan ', summary: 'Read it', link: '', 'issuedOn-day': '', 'issuedOn-month': '', 'issuedOn-year': '' }).input).toEqual({
      title: 'Winter plan', summary: 'Read it', link: null, issuedOn: null,
    });
    expect(readBriefing({ title: 'T', summary: 'S', link: 'https://example.org/b', 'issuedOn-day': '3', 'issuedOn-month': '2', 'issuedOn-year': '2026' }).input).toMatchObject({
      link: 'https://example.org/b', issuedOn: '2026-02-03',
    });
    const bad = readBriefing({ title: '', summary: 'x'.repeat(5001), link: 'ftp://example.org', 'issuedOn-day': '31', 'issuedOn-month': '2', 'issuedOn-year': '2026' });
    expect(bad.input).toBeUndefined();
    expect(bad.errors.map((e) => e.href)).toEqual(['#title', '#summary', '#link', '#issuedOn-day']);
    expect(bad.values.issuedOn).toEqual({ day: '31', month: '2', year: '2026' });
  });

  it('asks for an alignment request between two different bodies taking part', () => {
    const body = { requestingOrganisationId: A, targetOrganisationId: B, kind: 'IT_SYSTEM', title: 'Shared case system', description: 'Move', 'responseDueOn-day': '1', 'responseDueOn-month': '12', 'responseDueOn-year': '2027' };
    expect(readAlignmentRequest(body, [A, B]).input).toEqual({ requestingOrganisationId: A, targetOrganisationId: B, kind: 'IT_SYSTEM', title: 'Shared case system', description: 'Move', responseDueOn: '2027-12-01' });
    expect(readAlignmentRequest({ ...body, targetOrganisationId: A }, [A, B]).errors).toEqual([{ href: '#targetOrganisationId', text: 'Select a body other than the one asking' }]);
    const outsider = readAlignmentRequest({ ...body, kind: 'NOPE' }, [A]);
    expect(outsider.errors.map((e) => e.text)).toEqual(['Select the body asked to adapt', 'Select what is to be adapted']);
    expect(outsider.values.targetOrganisationId).toBe(B);
  });

  it('requires a reason to withdraw', () => {
    expect(readWithdrawal({ reason: '  ' }).errors).toEqual([{ href: '#reason', text: 'Enter why the request is withdrawn' }]);
    expect(readWithdrawal({ reason: 'Funding ended' }).input).toEqual({ reason: 'Funding ended' });
  });

  it('reads a milestone with contributors from the bodies taking part only', () => {
    const read = readMilestone({ name: 'Pilot live', 'dueOn-day': '30', 'dueOn-month': '6', 'dueOn-year': '2027', contributorIds: [A, 'x', B] }, [A]);
    expect(read.input).toEqual({ name: 'Pilot live', dueOn: '2027-06-30', contributorIds: [A] });
    expect(readMilestone({ name: '', 'dueOn-day': '' }, [A]).errors.map((e) => e.href)).toEqual(['#name', '#dueOn-day']);
  });

  it('shows a milestone in its change form as it was saved', () => {
    expect(milestoneValues({ name: 'Pilot live', dueOn: '2027-06-05', contributors: [{ organisation: { id: A } }] })).toEqual({
      name: 'Pilot live', dueOn: { day: '5', month: '6', year: '2027' }, contributorIds: [A],
    });
  });

  it('reads the day a milestone was achieved, today when empty', () => {
    expect(readAchieved({}).input).toEqual({ achievedOn: null });
    expect(readAchieved({ 'achievedOn-day': '2', 'achievedOn-month': '1', 'achievedOn-year': '2026' }).input).toEqual({ achievedOn: '2026-01-02' });
    expect(readAchieved({ 'achievedOn-day': 'x' }).errors).toEqual([{ href: '#achievedOn-day', text: 'Enter the day it was achieved as a real date, for example 27 3 2027' }]);
  });
});
