import { WebConflictLogDocument } from '../graphql/generated';
import { ManagePages } from '../manage/manage-pages';
import { localitySections } from '../manage/sections';
import { CATEGORIES, SEVERITIES } from '../member/member-forms';
import { cursorOf, paramOf } from '../web-kit';
import { logEntry, logHref, logVariables, readLogFilters, stageChoices, STATUSES } from './conflict-log';

/**
 * `/manage/localities/<id>/conflicts`: the locality's conflicts, newest first, a page at a
 * time, filtered by status, stage, severity and category (a GET form: it changes nothing). Whoever the
 * API lets read the conflicts may look; what they may not read the API leaves out.
 */
export function registerConflictLogPage(manage: ManagePages): void {
  manage.kit.get('/manage/localities/:localityId/conflicts', async (req, res) => {
    if (manage.kit.badAddress(req, res, 'localityId')) return;
    const filters = readLogFilters(req.query);
    const data = await manage.read(req, res, WebConflictLogDocument, logVariables(paramOf(req, 'localityId'), filters, cursorOf(req)));
    if (!data) return;
    const { locality } = data;
    const { nodes, pageInfo } = locality.conflicts;
    // Kept: every coordinator reading the same page of the same log gets the same page.
    manage.kit.renderKept(res, 'conflicts/log.njk', {
      title: `Conflict log: ${locality.name}`,
      locality,
      entries: nodes.map(logEntry),
      filtered: Object.values(filters).some((list) => list.length > 0),
      paged: !!req.query.after,
      path: req.path,
      statuses: STATUSES.map((s) => ({ ...s, checked: filters.status.includes(s.value) })),
      severities: SEVERITIES.map((s) => ({ ...s, checked: filters.severity.includes(s.value) })),
      categories: CATEGORIES.map((c) => ({ ...c, checked: filters.category.includes(c.value) })),
      stages: stageChoices(locality.conflictProcess?.agreedVersion?.stages ?? [], filters.stage),
      next: pageInfo.hasNextPage ? logHref(req.path, filters, pageInfo.endCursor) : undefined,
      processPath: localitySections(locality.id).find((s) => s.path.endsWith('/conflict-process'))!.path,
      back: localitySections(locality.id)[0].path,
    });
  });
}
