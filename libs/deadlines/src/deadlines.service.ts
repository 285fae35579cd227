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

  /** The deadlines `userId` can act on, due within `window`, soonest first (at most MAX_DEADLINES). */
  async deadlinesFor(userId: string, window: DeadlineWindow): Promise<Deadline[]> {
    return this.read(window, userId, MAX_DEADLINES);
  }

  /**
   * Every user's deadlines due within `window` (one per deadline and user), a page of at
   * most `first` in the order (due day, id, user); the next page starts `after` the last.
   */
  async dueBetween(window: DeadlineWindow, { first = MAX_DEADLINES, after }: { first?: number; after?: Deadline } = {}): Promise<Deadline[]> {
    return this.read(window, null, first, after);
  }

  private async read(window: DeadlineWindow, userId: string | null, first: number, after?: Deadline): Promise<Deadline[]> {
    const rows = await this.db.query<DeadlineRow>(DEADLINES_SQL, [
      window.from,
      window.to,
      userId,
      Math.max(1, Math.min(first, MAX_DEADLINES)),
      after?.dueOn ?? null,
      after?.id ?? null,
      after?.userId ?? null,
    ]);
    return rows.map(toDeadline);
  }
}
