import { sharedApi } from '../support/api-harness';
// Each family of rules tested in a tenant of its own, on one API started once for them all.
import './rules/communication';
import './rules/conflict-resolution';
import './rules/continuous-improvement';
import './rules/flexibility';
import './rules/leadership';
import './rules/recognition';
import './rules/role-fit';
import './rules/role-overload-localities';

beforeAll(() => sharedApi.open());
afterAll(() => sharedApi.close());
