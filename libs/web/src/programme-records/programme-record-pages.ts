import { Request, Response } from 'express';
import { ManagePages } from '../manage/manage-pages';
import { MANAGING_ROLES } from '../manage/manage.pages';
import { programmeSections } from '../manage/sections';
import { paramOf } from '../web-kit';

type Title = 'Programme' | 'Briefings' | 'Alignment requests' | 'Milestones and recognition';

/** A programme page's address, from sections.ts (the route pattern when `programmeId` is `:programmeId`). */
export function sectionPath(programmeId: string, title: Title): string {
  const found = programmeSections(programmeId).find((s) => s.title === title);
  if (!found) throw new Error(`No programme section called ${title}`);
  return found.path;
}

/** What each finished form says on the page it returns to. */
export const DONE = {
  issued: 'Briefing issued',
  requested: 'Alignment requested',
  withdrawn: 'Alignment request withdrawn',
  added: 'Milestone added',
  changed: 'Milestone changed',
  achieved: 'Milestone marked achieved',
  recognised: 'Recognition recorded',
};

/** The forms are for those who run the partnership; others see the records only. */
const WHO_ACTS = 'Only coordinators and tenant administrators issue briefings, request alignment on behalf of a body, manage milestones and record recognition here. Ask one of them.';

/** What the briefing, alignment and milestone pages share. */
export class ProgrammeRecordPages {
  constructor(readonly manage: ManagePages) {}

  get kit() {
    return this.manage.kit;
  }

  /** The route pattern of a section. */
  at(title: Title): string {
    return sectionPath(':programmeId', title);
  }

  programmeId(req: Request): string {
    return paramOf(req, 'programmeId');
  }

  /** The programme's record pages, linked from each of them. */
  links(programmeId: string) {
    return {
      programme: sectionPath(programmeId, 'Programme'),
      briefings: sectionPath(programmeId, 'Briefings'),
      alignment: sectionPath(programmeId, 'Alignment requests'),
      milestones: sectionPath(programmeId, 'Milestones and recognition'),
    };
  }

  manages(role: string): boolean {
    return MANAGING_ROLES.includes(role);
  }

  /** A form page asked for by someone who does not run the partnership. */
  notManaging(res: Response): void {
    this.kit.message(res, 403, 'You cannot do this', WHO_ACTS);
  }
}
