import { sharedApi } from '../support/api-harness';
import { sharedBrowser } from '../support/chromium';
// A programme's management pages, its records and its improvement reviews, each in tenants and browser contexts of its own, on one API and one Chromium started once for them all.
import './programmes/improvement-pages';
import './programmes/programme-pages';
import './programmes/programme-records-pages';

beforeAll(() => Promise.all([sharedApi.open(), sharedBrowser.open()]), 120_000);
afterAll(() => Promise.all([sharedBrowser.close(), sharedApi.close()]));
