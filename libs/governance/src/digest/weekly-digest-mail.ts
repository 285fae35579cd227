import { MailBlock, MailContent } from '@joinedup/mail';

/** At most this many flags are named per locality and per list; the rest are counted. */
export const FLAGS_NAMED_PER_LOCALITY = 5;

export interface DigestFlag {
  id: string;
  message: string;
}

/** One locality's week: flags raised and resolved in the last 7 days, and its overall health then and now. */
export interface DigestLocality {
  id: string;
  name: string;
  raised: number;
  resolved: number;
  raisedFlags: DigestFlag[];
  resolvedFlags: DigestFlag[];
  healthBefore: number | null;
  healthNow: number | null;
}

export interface DigestFacts {
  recipientName: string;
  week: string;
  localities: DigestLocality[];
  /** The web pages' origin, ending in `/`. */
  webBase: string;
  unsubscribeUrl: string;
}

function healthLine(locality: DigestLocality): string {
  const { healthBefore: before, healthNow: now } = locality;
  if (now === null) return 'Health: not scored yet.';
  if (before === null) return `Health: ${now} out of 100 (no score from a week ago to compare).`;
  const change = now - before;
  const words = change === 0 ? 'no change' : change > 0 ? `up ${change}` : `down ${-change}`;
  return `Health: ${now} out of 100, ${words} from ${before} a week ago.`;
}

function flagItems(flags: DigestFlag[], count: number, webBase: string): string[] {
  const items = flags.map((flag) => `${flag.message} ${webBase}flags/${flag.id}`);
  if (count > flags.length) items.push(`and ${count - flags.length} more`);
  return items;
}

/** The weekly digest of a coordinator or reviewer: per locality with news, what changed in 7 days, with links. */
export function weeklyDigestMail(facts: DigestFacts): MailContent {
  const blocks: MailBlock[] = [
    { kind: 'paragraph', text: `Dear ${facts.recipientName},` },
    { kind: 'paragraph', text: 'This is what changed in your partnership’s governance in the last 7 days.' },
  ];
  if (!facts.localities.length) blocks.push({ kind: 'inset', text: 'No flags were raised or resolved, and no locality’s health changed.' });
  for (const locality of facts.localities) {
    blocks.push({ kind: 'heading', text: locality.name });
    blocks.push({ kind: 'paragraph', text: `${locality.raised} flags raised, ${locality.resolved} flags resolved. ${healthLine(locality)}` });
    if (locality.raisedFlags.length) {
      blocks.push({ kind: 'paragraph', text: 'Raised:' }, { kind: 'bullets', items: flagItems(locality.raisedFlags, locality.raised, facts.webBase) });
    }
    if (locality.resolvedFlags.length) {
      blocks.push({ kind: 'paragraph', text: 'Resolved:' }, { kind: 'bullets', items: flagItems(locality.resolvedFlags, locality.resolved, facts.webBase) });
    }
    blocks.push({ kind: 'link', url: `${facts.webBase}localities/${locality.id}` });
  }
  blocks.push(
    { kind: 'paragraph', text: 'To stop the weekly digest, use this link:' },
    { kind: 'link', url: facts.unsubscribeUrl },
    { kind: 'paragraph', text: 'To choose which emails you get, sign in and go to:' },
    { kind: 'link', url: `${facts.webBase}mail-preferences` },
  );
  return { subject: `JoinedUp weekly digest, ${facts.week}`, blocks };
}
