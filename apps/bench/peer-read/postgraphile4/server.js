// PostGraphile 4.14.1 on JoinedUp's database, as JoinedUp's application role, with the
// tenant set per transaction exactly as JoinedUp sets it (RLS on for both).
// Usage: node server.js <database url of the application role> <port> <tenant id>
const http = require('http');
const { postgraphile } = require('postgraphile');
const [url, port, tenantId] = process.argv.slice(2);
http.createServer(postgraphile(url, 'public', {
  pgSettings: { 'app.tenant_id': tenantId },
  disableDefaultMutations: true, simpleCollections: 'both', dynamicJson: true,
  retryOnInitFail: false, disableQueryLog: true,
})).listen(+port, '127.0.0.1');
