import { sharedApi } from './support/api-harness';
// Alignment, briefings, improvement, recognition and flags, each in tenants of its own, on one API started once for them all.
import './barriers/alignment';
import './barriers/briefings';
import './barriers/governance-api';
import './barriers/improvement-lists';
import './barriers/improvement';
import './barriers/recognition';

beforeAll(() => sharedApi.open());
afterAll(() => sharedApi.close());
