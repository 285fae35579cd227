import { sharedApi } from '../support/api-harness';
import { sharedBrowser } from '../support/chromium';
// Setting up and importing the registry, its downloads, signing in and one's calendar, each in tenants and browser contexts of its own, on one API and one Chromium started once for them all.
import './registry-and-account/calendar-pages';
import './registry-and-account/export-pages';
import './registry-and-account/onboarding-pages';
import './registry-and-account/setup-pages';
import './registry-and-account/sign-in-pages';

beforeAll(() => Promise.all([sharedApi.open(), sharedBrowser.open()]), 120_000);
afterAll(() => Promise.all([sharedBrowser.close(), sharedApi.close()]));
