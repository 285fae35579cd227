/**
 * Records what a feed serves and returns its events, in one statement. $1 tenant, $2 feed,
 * $3 the deadlines now (JSON: id, kind, due_on, title, href), $4 the window's first day,
 * $5 the most events served, $6 how many days a deadline gone away is served as cancelled.
 *
 * Each event keeps a SEQUENCE that goes up whenever its date or title changes, and when it
 * goes away or comes back. A deadline that is no longer listed is served as CANCELLED for
 * $6 days (so subscribed calendars remove it), then forgotten; one that only fell out of
 * the window by age is forgotten at once. The CTEs change disjoint rows.
 */
export const FEED_EVENTS_SQL = `
  with now_due as (
    select * from jsonb_to_recordset($3::jsonb) as d (id text, kind text, due_on date, title text, href text)
  ),
  listed as (
    insert into calendar_feed_event as e (tenant_id, feed_id, uid, kind, due_on, title, href)
    select $1::uuid, $2::uuid, d.id, d.kind, d.due_on, d.title, d.href from now_due d
    on conflict (tenant_id, feed_id, uid) do update set
      sequence = e.sequence + case when e.due_on <> excluded.due_on or e.title <> excluded.title or e.gone_at is not null
                                   then 1 else 0 end,
      kind = excluded.kind, due_on = excluded.due_on, title = excluded.title, href = excluded.href, gone_at = null
    returning e.uid, e.due_on, e.title, e.href, e.sequence, false as cancelled
  ),
  newly_gone as (
    update calendar_feed_event e set gone_at = now(), sequence = e.sequence + 1
     where e.tenant_id = $1::uuid and e.feed_id = $2::uuid and e.gone_at is null and e.due_on >= $4::date
       and e.uid not in (select id from now_due)
    returning e.uid, e.due_on, e.title, e.href, e.sequence, true as cancelled
  ),
  still_gone as (
    select e.uid, e.due_on, e.title, e.href, e.sequence, true as cancelled from calendar_feed_event e
     where e.tenant_id = $1::uuid and e.feed_id = $2::uuid and e.gone_at > now() - make_interval(days => $6::int)
       and e.uid not in (select id from now_due)
  ),
  forgotten as (
    delete from calendar_feed_event e
     where e.tenant_id = $1::uuid and e.feed_id = $2::uuid and e.uid not in (select id from now_due)
       and (e.gone_at <= now() - make_interval(days => $6::int) or (e.gone_at is null and e.due_on < $4::date))
  )
  select uid as id, due_on::text as due_on, title, href, sequence, cancelled
    from (select * from listed union all select * from newly_gone union all select * from still_gone) events
   order by cancelled, due_on, uid
   limit $5`;
