// Tests use their own database unless the caller (CI) names one.
process.env.NODE_ENV ??= 'test';
process.env.DATABASE_URL ??= 'postgres://joinedup_app:joinedup_app@127.0.0.1:5432/joinedup_test';
process.env.LOG_LEVEL ??= 'error';
