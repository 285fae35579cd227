import { sharedApi } from './support/api-harness';
// Refusals and how they are worded (messages, bad input, weak passwords), each in tenants of its own, on one API started once for them all.
import './refusals/error-messages';
import './refusals/input-hygiene';
import './refusals/password-policy';

beforeAll(() => sharedApi.open());
afterAll(() => sharedApi.close());
