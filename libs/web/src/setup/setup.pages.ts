import { WebSetupDocument } from '../graphql/generated';
import { ManagePages } from '../manage/manage-pages';
import { setupTasks, taskListItems } from './setup-tasks';

/**
 * `/setup`: "Set up your partnership", the steps in order with their status from one count
 * of the data (`setupProgress`, which the API gives coordinators and administrators only:
 * anyone else gets its refusal, in its words).
 */
export function registerSetupPage(manage: ManagePages): void {
  manage.kit.get('/setup', async (req, res) => {
    const data = await manage.read(req, res, WebSetupDocument, {});
    if (!data) return;
    const tasks = setupTasks(data.setupProgress, data.localities.nodes[0]?.id);
    manage.kit.render(res, 'setup/setup.njk', {
      title: 'Set up your partnership',
      items: taskListItems(tasks),
      done: tasks.filter((t) => t.status === 'DONE').length,
      total: tasks.length,
      locality: data.localities.nodes[0],
      role: data.me.role,
    });
  });
}
