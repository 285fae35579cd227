import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import express from 'express';
import nunjucks from 'nunjucks';
import { CsrfTokens } from './csrf';
import { GraphQLRunner } from './graphql-runner';
import { KeptPages } from './kept-pages';
import { RenderedParts } from './rendered-parts';
import { WebKit } from './web-kit';

describe('WebKit routes', () => {
  let server: Server;
  let base: string;
  let kit: WebKit;

  beforeAll(async () => {
    const app = express();
    kit = new WebKit(app, [], new nunjucks.Environment(), {} as GraphQLRunner, new CsrfTokens('s'.repeat(32)), false, new RenderedParts(0), new KeptPages(0));
    kit.get('/', async (_req, res) => void res.send('start'));
    kit.get('/things/:id', async (req, res) => void res.send(`thing ${req.params.id}`));
    // What the app serves after the pages (GraphQL, Nest's controllers), here and under a page's first segment.
    app.use((req, res) => void res.status(404).send(`after the pages: ${req.method} ${req.path}`));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const text = async (path: string, init?: RequestInit) => (await fetch(`${base}${path}`, init)).text();

  it('serves the pages, the first segment in any case as Express matches routes', async () => {
    expect(await text('/')).toBe('start');
    expect(await text('/things/7')).toBe('thing 7');
    expect(await text('/THINGS/7')).toBe('thing 7');
  });

  it("passes every other request on to what comes after, under a page's segment too", async () => {
    expect(await text('/graphql', { method: 'POST' })).toBe('after the pages: POST /graphql');
    expect(await text('/things/7/extra')).toBe('after the pages: GET /things/7/extra');
    expect(await text('/things/7', { method: 'POST' })).toBe('after the pages: POST /things/7');
  });

  it('refuses a page whose path does not start with a literal segment (other requests could not pass it by)', () => {
    expect(() => kit.get('/:anything', async () => undefined)).toThrow("A page's path must start with a literal segment: /:anything");
  });
});
