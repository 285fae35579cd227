import { ManagePages } from '../manage/manage-pages';
import { registerAlignmentPages } from './alignment.pages';
import { registerBriefingPages } from './briefing.pages';
import { registerMilestonePages } from './milestone.pages';
import { ProgrammeRecordPages } from './programme-record-pages';

/**
 * A programme's briefings (with each body's acknowledgement), alignment requests, and
 * milestones with the recognition given, for coordinators and tenant administrators to run;
 * anyone the API lets read the programme sees the records, and only those who run the
 * partnership see the forms. Every form's mutation is the API's to refuse.
 */
export function registerProgrammeRecordPages(manage: ManagePages): void {
  const pages = new ProgrammeRecordPages(manage);
  registerBriefingPages(pages);
  registerAlignmentPages(pages);
  registerMilestonePages(pages);
}
