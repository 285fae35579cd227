import { ManagePages } from '../manage/manage-pages';
import { registerGovernanceRulePages } from './governance-rules.pages';
import { registerSetPasswordPages } from './set-password.pages';
import { registerUserPages } from './users.pages';
import { registerWebhookPages } from './webhooks.pages';

/** The tenant administrators' pages (users, governance rules, webhooks) and the page of an emailed sign-in link. */
export function registerAdminPages(manage: ManagePages): void {
  registerUserPages(manage);
  registerGovernanceRulePages(manage);
  registerWebhookPages(manage);
  registerSetPasswordPages(manage.kit, manage.session);
}
