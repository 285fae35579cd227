import { sharedApi } from './support/api-harness';
// Each area's isolation between tenants, in tenants of its own, on one API started once for them all.
import './isolation/alignment';
import './isolation/briefings';
import './isolation/conflicts';
import './isolation/improvement';
import './isolation/recognition';
import './isolation/registry';
import './isolation/roles';
import './isolation/tenant';

beforeAll(() => sharedApi.open());
afterAll(() => sharedApi.close());
