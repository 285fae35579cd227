import { randomBytes } from 'node:crypto';
import { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Headers of every web page: a Content-Security-Policy with no 'unsafe-inline' (the one
 * inline script of GOV.UK Frontend's template carries this response's nonce), no framing,
 * and no Referer, so no address of ours reaches another site.
 */
export function webSecurityHeaders(): ((req: Request, res: Response, next: NextFunction) => void)[] {
  const nonce = (req: Request, res: Response, next: NextFunction): void => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  };
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  });
  const noStore = (_req: Request, res: Response, next: NextFunction): void => {
    // Pages carry edit codes and CSRF tokens: no cache keeps them.
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
  return [nonce, headers, noStore];
}
