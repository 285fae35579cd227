import { sharedApi } from './support/api-harness';
// Reads, compiled and field by field, with their statements, each in tenants of its own, on one API started once for them all.
import './reads/compiled-read-middleware';
import './reads/dashboard-statements';
import './reads/governance-read';
import './reads/json-read';
import './reads/locality-read';
import './reads/read-paths-conflicts';
import './reads/read-paths-programmes';
import './reads/read-paths-registry';

beforeAll(() => sharedApi.open());
afterAll(() => sharedApi.close());
