import { sharedApi } from './support/api-harness';
// The registry, programmes, their leaders and roles, each in tenants of its own, on one API started once for them all.
import './partnerships/audit-visibility';
import './partnerships/leader-reconfirmation';
import './partnerships/leadership';
import './partnerships/nominations-to-endorse';
import './partnerships/onboarding';
import './partnerships/programme-list';
import './partnerships/register-exports';
import './partnerships/registry';
import './partnerships/role-candidates';
import './partnerships/roles';
import './partnerships/setup-progress';

beforeAll(() => sharedApi.open());
afterAll(() => sharedApi.close());
