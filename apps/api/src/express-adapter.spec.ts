import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import express, { Express } from 'express';
import { ExpressAdapterWithPrototypes } from './express-adapter';

describe('ExpressAdapterWithPrototypes', () => {
  let server: Server;
  let app: Express;
  /** Whether each request and response had Express's prototypes before Express saw them. */
  const born: boolean[] = [];

  beforeAll(async () => {
    const adapter = new ExpressAdapterWithPrototypes();
    adapter.initHttpServer({});
    app = adapter.getInstance<Express>();
    server = adapter.getHttpServer() as Server;
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      born.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response);
    });
    app.use(express.json());
    app.post('/echo', (req, res) => {
      res.status(201).set('x-node-types', String(req instanceof IncomingMessage && res instanceof ServerResponse)).json({ body: req.body, path: req.path });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  });
  afterAll(() => new Promise((closed) => server.close(closed)));

  it("creates requests and responses with Express's prototypes, which then serve as Express's own", async () => {
    const { port } = server.address() as AddressInfo;
    for (const n of [1, 2]) {
      const answer = await fetch(`http://127.0.0.1:${port}/echo?n=${n}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ n }),
      });
      expect(answer.status).toBe(201);
      expect(answer.headers.get('x-node-types')).toBe('true');
      expect(await answer.json()).toEqual({ body: { n }, path: '/echo' });
    }
    expect(born).toEqual([true, true]);
  });
});
