import { Injectable } from '@nestjs/common';
import { TenantDb } from '@joinedup/database';
import { Deadline, DeadlineKind, DeadlineWindow, MAX_DEADLINES } from './deadline';
import { DEADLINES_SQL } from './deadline-catalogue';

interface DeadlineRow {
  user_id: string;
  id: string;
  kind: DeadlineKind;
  due_on: string;
  title: string;
  href: string;
}

const toDeadline = (row: DeadlineRow): Deadline => ({
  userId: row.user_id,
  id: row.id,
  kind: row.kind,
  dueOn: row.due_on,
  title: row.title,
  href: row.href,
});

/**
 * Reads the deadline catalogue in the current request's or job's tenant transaction:
 * a user's own (calendar feeds), or everyone's due in a window (reminders).
 */
@Injectable()
export class DeadlinesService {
  constructor(private readonly db: TenantDb) {}

  /** The deadlines `userId` can act on, due within `window`, soonest first. */
  async deadlinesFor(userId: string, window: DeadlineWindow, limit = MAX_DEADLINES): Promise<Deadline[]> {
    const rows = await this.db.query<DeadlineRow>(DEADLINES_SQL, [window.from, window.to, userId, Math.min(limit, MAX_DEADLINES)]);
    return rows.map(toDeadline);
  }

  /** Every user's deadlines due between `from` and `to` (one row per deadline and user). */
  async dueBetween(from: string, to: string, limit = MAX_DEADLINES): Promise<Deadline[]> {
    const rows = await this.db.query<DeadlineRow>(DEADLINES_SQL, [from, to, null, Math.min(limit, MAX_DEADLINES)]);
    return rows.map(toDeadline);
  }
}
