import { sharedApi } from '../support/api-harness';
import { sharedBrowser } from '../support/chromium';
// A member body's pages and forms, conflicts and governance flags, each in tenants and browser contexts of its own, on one API and one Chromium started once for them all.
import './barriers/conflict-pages';
import './barriers/flag-pages';
import './barriers/member-forms';
import './barriers/member-pages';

beforeAll(() => Promise.all([sharedApi.open(), sharedBrowser.open()]), 120_000);
afterAll(() => Promise.all([sharedBrowser.close(), sharedApi.close()]));
