// With DATABASE_URL (CI, a developer's server) the tests use that server; without it an
// embedded PostgreSQL of their own, kept apart from the one `npm start` uses.
process.env.NODE_ENV ??= 'test';
process.env.JOINEDUP_DATA_DIR ??= '.joinedup/test-postgres';
process.env.LOG_LEVEL ??= 'error';
// Every test signs in from 127.0.0.1, so the per-address limit of failed sign-ins would
// be reached across files; the test of that limit sets its own, with addresses of its own.
process.env.SIGN_IN_ADDRESS_LIMIT ??= '100000';
// Likewise the health check's tries per client address, which the embedded test database
// also keeps from one run to the next within their window; the test of that limit sets its own.
process.env.HEALTH_CHECK_ADDRESS_LIMIT ??= '100000';
