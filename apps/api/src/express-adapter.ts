import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { Express } from 'express';

/**
 * Nest's Express adapter, whose HTTP server creates each request and response with
 * Express's prototypes already theirs. Express gives every request and response its
 * prototypes as it starts handling them (Object.setPrototypeOf); V8 then moves both
 * objects, and much of what they reach, to the old generation, so under load each
 * request's garbage lived until a full collection: a major GC every second or two, behind
 * the API's slowest answers (docs/performance.md). Born with them, they die young.
 */
export class ExpressAdapterWithPrototypes extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    super.initHttpServer(options);
    // HTTPS and tracked connections keep Nest's own server (the API uses neither).
    if (options.httpsOptions || options.forceCloseConnections) return;
    const app = this.getInstance<Express>();
    this.httpServer = createServer(
      { IncomingMessage: bornWith(IncomingMessage, app.request), ServerResponse: bornWith(ServerResponse, app.response) },
      app,
    );
  }
}

type Initialise = (this: object, ...args: unknown[]) => void;

/**
 * A constructor of `base`'s objects whose prototype is `prototype` from the start. Node's
 * IncomingMessage and ServerResponse are plain functions that initialise `this` (as their
 * own subclasses call them); Reflect.construct would do the same at a third of the speed.
 */
function bornWith<T extends typeof IncomingMessage | typeof ServerResponse>(base: T, prototype: object): T {
  const initialise = base as unknown as Initialise;
  function Born(this: object, ...args: unknown[]): void {
    initialise.apply(this, args);
  }
  Born.prototype = prototype;
  return Born as unknown as T;
}
