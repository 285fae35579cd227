import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { Request, Response } from 'express';
import { Public } from '@joinedup/auth';
import { CalendarFeedsService, FEED_PATH } from './calendar-feeds.service';

/**
 * `GET /calendar/<secret>.ics`, for calendar apps: no session, the secret is the key. An
 * unknown, revoked or malformed secret gets a bare 404, whatever the reason.
 */
@Controller(FEED_PATH.slice(1))
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Public()
  @Get(':file')
  async feed(@Param('file') file: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const secret = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
    const answer = await this.feeds.fetch(secret, req.ip ?? req.socket.remoteAddress ?? 'unknown');
    res.setHeader('cache-control', 'private, no-store');
    res.setHeader('referrer-policy', 'no-referrer');
    if (answer.kind === 'throttled') {
      res.status(429).type('text/plain').send('Too many requests from your network address: try again in 10 minutes.');
    } else if (answer.kind === 'unknown') {
      res.status(404).type('text/plain').send('Not found');
    } else {
      res.status(200).type('text/calendar; charset=utf-8').send(answer.text);
    }
  }
}
