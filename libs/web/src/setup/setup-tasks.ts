import type { WebSetupQuery } from '../graphql/generated';
import { localitySections, ManageSection, TENANT_SECTIONS } from '../manage/sections';

export type SetupStatus = 'DONE' | 'NOT_STARTED' | 'CANNOT_START';

/** One step of setting up a partnership, as the task list shows it. */
export interface SetupTask {
  title: string;
  /** What the step needs, who does it and what counts as done. */
  hint: string;
  /** The page that does it; none while it cannot start. */
  href?: string;
  status: SetupStatus;
}

type Progress = WebSetupQuery['setupProgress'];

const sectionAt = (sections: readonly ManageSection[], ending: string): string => {
  const section = sections.find((s) => s.path.endsWith(ending));
  if (!section) throw new Error(`No management page ends with ${ending}`);
  return section.path;
};

const statusOf = (done: boolean, canStart: boolean): SetupStatus => (done ? 'DONE' : canStart ? 'NOT_STARTED' : 'CANNOT_START');

/**
 * The set-up steps in the order they are done, each done when the data has what it needs
 * ("at least one locality"). A step that needs an earlier one (bodies need a locality,
 * people need bodies) cannot start until that one is done. Steps done in a locality link
 * to the first one's pages.
 */
export function setupTasks(progress: Progress, firstLocalityId: string | undefined): SetupTask[] {
  const inLocality = firstLocalityId ? localitySections(firstLocalityId) : undefined;
  const tenant = (ending: string) => sectionAt(TENANT_SECTIONS, ending);
  const hasLocality = progress.localities > 0 && !!inLocality;
  const hasBodies = progress.memberBodies > 0;
  const tasks: (Omit<SetupTask, 'status'> & { done: boolean; canStart: boolean })[] = [
    {
      title: 'Add a locality',
      hint: 'Coordinator or administrator. Done when there is at least one locality (not archived), with its name and code.',
      href: tenant('/manage/localities'),
      done: progress.localities > 0,
      canStart: true,
    },
    {
      title: 'Add member bodies',
      hint: 'Coordinator or administrator, once there is a locality. Done when a locality has at least one member body (at most 40 each).',
      href: inLocality?.[0].path,
      done: hasBodies,
      canStart: hasLocality,
    },
    {
      title: 'Add people and their competencies',
      hint: 'Coordinator or administrator, once there are member bodies. Done when at least one person has a competency.',
      href: tenant('/manage/organisations'),
      done: progress.peopleWithCompetencies > 0,
      canStart: hasBodies,
    },
    {
      title: 'Create users and member representatives',
      hint: 'Tenant administrator only, once there are member bodies. Done when at least one member representative can sign in.',
      href: tenant('/manage/users'),
      done: progress.memberRepresentatives > 0,
      canStart: hasBodies,
    },
    {
      title: 'Create programmes',
      hint: 'Coordinator or administrator, once there are member bodies. Done when there is at least one programme not closed.',
      href: inLocality && sectionAt(inLocality, '/programmes'),
      done: progress.programmes > 0,
      canStart: hasLocality && hasBodies,
    },
    {
      title: 'Agree a conflict process',
      hint: 'Coordinator or administrator, once there is a locality. Done when a locality or programme has a conflict process agreed.',
      href: inLocality && sectionAt(inLocality, '/conflict-process'),
      done: progress.agreedConflictProcesses > 0,
      canStart: hasLocality,
    },
    {
      title: 'Set improvement measures',
      hint: 'Coordinator or administrator, once there is a programme: open it and choose Improvement. Done when a programme has at least one measure.',
      href: inLocality && sectionAt(inLocality, '/programmes'),
      done: progress.measures > 0,
      canStart: hasLocality && progress.programmes > 0,
    },
  ];
  return tasks.map(({ done, canStart, href, ...task }) => {
    const status = statusOf(done, canStart);
    return { ...task, status, href: status === 'CANNOT_START' ? undefined : href };
  });
}

/** The task list's items as govukTaskList takes them. */
export function taskListItems(tasks: SetupTask[]): object[] {
  return tasks.map((t) => ({
    title: { text: t.title },
    hint: { text: t.hint },
    href: t.href,
    status:
      t.status === 'DONE'
        ? { text: 'Completed' }
        : t.status === 'NOT_STARTED'
          ? { tag: { text: 'Not yet started', classes: 'govuk-tag--blue' } }
          : { text: 'Cannot start yet', classes: 'govuk-task-list__status--cannot-start-yet' },
  }));
}
