import { setupTasks, taskListItems } from './setup-tasks';

const none = { localities: 0, memberBodies: 0, peopleWithCompetencies: 0, memberRepresentatives: 0, programmes: 0, agreedConflictProcesses: 0, measures: 0 };
const localityId = '0b0f8e4e-6a1e-4a43-9f5e-0a7b7c4c1d11';

describe('setupTasks', () => {
  it('starts a new tenant with a locality, every later step waiting for it', () => {
    const tasks = setupTasks(none, undefined);
    expect(tasks.map((t) => t.title)).toEqual([
      'Add a locality',
      'Add member bodies',
      'Add people and their competencies',
      'Create users and member representatives',
      'Create programmes',
      'Agree a conflict process',
      'Set improvement measures',
    ]);
    expect(tasks.map((t) => t.status)).toEqual(['NOT_STARTED', 'CANNOT_START', 'CANNOT_START', 'CANNOT_START', 'CANNOT_START', 'CANNOT_START', 'CANNOT_START']);
    expect(tasks[0].href).toBe('/manage/localities');
    expect(tasks.slice(1).every((t) => t.href === undefined)).toBe(true);
  });

  it('marks steps done from the counts and links locality steps to the first locality', () => {
    const tasks = setupTasks({ ...none, localities: 1, memberBodies: 3, peopleWithCompetencies: 2 }, localityId);
    expect(tasks.map((t) => t.status)).toEqual(['DONE', 'DONE', 'DONE', 'NOT_STARTED', 'NOT_STARTED', 'NOT_STARTED', 'CANNOT_START']);
    expect(tasks[1].href).toBe(`/manage/localities/${localityId}`);
    expect(tasks[4].href).toBe(`/manage/localities/${localityId}/programmes`);
    expect(tasks[5].href).toBe(`/manage/localities/${localityId}/conflict-process`);
  });

  it('gives govukTaskList its statuses in GOV.UK words', () => {
    const items = taskListItems(setupTasks({ ...none, localities: 1 }, localityId)) as { status: { text?: string; tag?: { text: string } } }[];
    expect(items[0].status.text).toBe('Completed');
    expect(items[1].status.tag?.text).toBe('Not yet started');
    expect(items[2].status.text).toBe('Cannot start yet');
  });
});
