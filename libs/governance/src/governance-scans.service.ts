import { Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { OutboxWriter, TenantDb } from '@joinedup/database';
import { notFound } from '@joinedup/errors';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { Connection, decodeCursor, toConnection } from '@joinedup/graphql-kit';
import { GovernanceScansArgs } from './governance.inputs';
import { GovernanceScanType } from './governance.types';
import { newestFirst } from './newest-first';
import { ScanJobs } from './scan-jobs';

export const SCAN_COLUMNS = `id, locality_id as "localityId", trigger, state, queued_at as "queuedAt", started_at as "startedAt",
  finished_at as "finishedAt", as_of as "asOf", attempts, flags_raised as "flagsRaised", flags_updated as "flagsUpdated",
  flags_resolved as "flagsResolved", open_flags as "openFlags", duration_ms as "durationMs", error, queued_at::text as "cursorAt"`;

/** The scans a list of `locality` (a uuid expression; null: every scan) shows: its own and the full scans that covered it. */
export const scanListed = (scan: string, locality: string): string =>
  `(${locality}::uuid is null or ${scan}.locality_id = ${locality}::uuid or ${scan}.locality_id is null)`;
export const SCAN_ORDER = newestFirst('queued_at');

/** Scans asked for through the API, and the record of every scan. */
@Injectable()
export class GovernanceScansService {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: OutboxWriter,
    private readonly scanJobs: ScanJobs,
  ) {}

  /**
   * Queues a scan of one locality or of the whole tenant. A scan of the same scope still
   * waiting in the queue is returned instead of a second one: repeated clicks queue one scan.
   * A waiting scan whose job is gone (the queue store lost its data) is ended FAILED and a
   * new one queued: a request is never answered with a scan that will not run.
   */
  async request(principal: Principal, localityId: string | null): Promise<GovernanceScanType> {
    if (localityId) {
      const [locality] = await this.db.query(`select id from locality where id = $1`, [localityId]);
      if (!locality) throw notFound('The locality');
    }
    // Requests of one tenant take turns here, so two clicks at once still queue one scan.
    await this.db.query(`select pg_advisory_xact_lock(hashtextextended('governance-scan-request:' || current_setting('app.tenant_id'), 0))`);
    const [waiting] = await this.db.query<GovernanceScanType>(
      `select ${SCAN_COLUMNS} from governance_scan
        where state = 'QUEUED' and locality_id is not distinct from $1::uuid
        order by queued_at desc limit 1`,
      [localityId],
    );
    if (waiting) {
      const dead = await this.scanJobs.deadReason({ id: waiting.id, state: 'QUEUED', trigger: 'REQUEST', jobId: null });
      if (!dead) return waiting;
      await this.scanJobs.fail(waiting.id, dead);
    }
    const [scan] = await this.db.query<GovernanceScanType>(
      `insert into governance_scan (tenant_id, locality_id, trigger, requested_by_user_id)
       values (nullif(current_setting('app.tenant_id', true), '')::uuid, $1, 'REQUEST', $2)
       returning ${SCAN_COLUMNS}`,
      [localityId, principal.userId],
    );
    await recordEvent(this.outbox, DOMAIN_EVENT.scanRequested, { scanId: scan.id, localityId });
    return scan;
  }

  async get(id: string): Promise<GovernanceScanType> {
    const [scan] = await this.db.query<GovernanceScanType>(`select ${SCAN_COLUMNS} from governance_scan where id = $1`, [id]);
    if (!scan) throw notFound('The governance scan');
    return scan;
  }

  /** Newest first; for a locality, its own scans and the full scans that covered it. */
  async list(args: GovernanceScansArgs): Promise<Connection<GovernanceScanType>> {
    const after = decodeCursor(args.after, ['timestamp', 'uuid']);
    const rows = await this.db.query<GovernanceScanType>(
      `select ${SCAN_COLUMNS} from governance_scan
        where ${scanListed('governance_scan', '$1')} and ${SCAN_ORDER.after('governance_scan', '$2', '$3')}
        order by ${SCAN_ORDER.orderBy('governance_scan')}
        limit $4`,
      [args.localityId ?? null, after?.[0] ?? null, after?.[1] ?? null, args.first + 1],
    );
    return toConnection(rows, args.first, (scan) => [scan.cursorAt, scan.id], (scan) => scan);
  }
}
