// PostGraphile 4.14.1 on JoinedUp's database, as JoinedUp's application role, with the
// tenant set per transaction exactly as JoinedUp sets it (RLS on for both).
// Usage: node server.js <database url of the application role> <port> <tenant id>
const http = require('http');
const { Pool } = require('pg');
const { postgraphile } = require('postgraphile');
const [url, port, tenantId] = process.argv.slice(2);
// A pool of 10 (PostGraphile's own default) whose idle connections are kept 5 minutes, as
// JoinedUp keeps them (IDLE_CONNECTION_MS), not pg's 10 s.
const pool = new Pool({ connectionString: url, max: 10, idleTimeoutMillis: 300000 });
http.createServer(postgraphile(pool, 'public', {
  pgSettings: { 'app.tenant_id': tenantId },
  disableDefaultMutations: true, simpleCollections: 'both', dynamicJson: true,
  retryOnInitFail: false, disableQueryLog: true,
})).listen(+port, '127.0.0.1');
