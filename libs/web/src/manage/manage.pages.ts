import { WebManageHubDocument } from '../graphql/generated';
import { SignedInSession } from '../session/signed-in';
import { WebKit } from '../web-kit';
import { ManagePages } from './manage-pages';
import { TENANT_SECTIONS } from './sections';

/** The roles that run the partnership from these pages (the API decides each action). */
export const MANAGING_ROLES: readonly string[] = ['TENANT_ADMIN', 'COORDINATOR'];

/** `/manage`: where coordinators and tenant administrators find every management page. */
export function registerManageHub(kit: WebKit, session: SignedInSession): ManagePages {
  const manage = new ManagePages(kit, session);
  kit.get('/manage', async (req, res) => {
    const data = await manage.read(req, res, WebManageHubDocument, {});
    if (!data) return;
    if (!MANAGING_ROLES.includes(data.me.role)) {
      return kit.message(res, 403, 'You cannot run the partnership here', 'Only coordinators and tenant administrators set up and run the partnership. Ask one of them.');
    }
    kit.render(res, 'manage/hub.njk', { title: 'Run your partnership', sections: TENANT_SECTIONS });
  });
  return manage;
}
