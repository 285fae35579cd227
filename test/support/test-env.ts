// With DATABASE_URL (CI, a developer's server) the tests use that server; without it an
// embedded PostgreSQL of their own, kept apart from the one `npm start` uses.
process.env.NODE_ENV ??= 'test';
process.env.JOINEDUP_DATA_DIR ??= '.joinedup/test-postgres';
process.env.LOG_LEVEL ??= 'error';
