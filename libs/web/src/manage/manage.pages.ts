import { Response } from 'express';
import { WebManageHubDocument } from '../graphql/generated';
import { SignedInSession } from '../session/signed-in';
import { WebKit } from '../web-kit';
import { ManagePages } from './manage-pages';
import { TENANT_SECTIONS } from './sections';

/** The roles that run the partnership from these pages (the API decides each action). */
export const MANAGING_ROLES: readonly string[] = ['TENANT_ADMIN', 'COORDINATOR'];

/**
 * Management pages whose documents any role may read refuse the others here, as the hub
 * does (the API refuses their forms in any case): true when the refusal was sent.
 */
export function refusedUnlessManaging(kit: WebKit, res: Response, role: string): boolean {
  if (MANAGING_ROLES.includes(role)) return false;
  kit.message(res, 403, 'You cannot run the partnership here', 'Only coordinators and tenant administrators set up and run the partnership. Ask one of them.');
  return true;
}

/** `/manage`: where coordinators and tenant administrators find every management page. */
export function registerManageHub(kit: WebKit, session: SignedInSession): ManagePages {
  const manage = new ManagePages(kit, session);
  kit.get('/manage', async (req, res) => {
    const data = await manage.read(req, res, WebManageHubDocument, {});
    if (!data) return;
    if (refusedUnlessManaging(kit, res, data.me.role)) return;
    kit.render(res, 'manage/hub.njk', { title: 'Run your partnership', sections: TENANT_SECTIONS });
  });
  return manage;
}
