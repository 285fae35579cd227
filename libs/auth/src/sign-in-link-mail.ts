import { MailContent } from '@joinedup/mail';

/** What a sign-in link's email says besides the link. */
export interface SignInLinkMailFacts {
  displayName: string;
  email: string;
  tenantName: string;
  /** What the sign-in page asks for as the organisation's JoinedUp name. */
  tenantSlug: string;
  /** The tenant administrator who asked for it, when known. */
  requestedBy: { name: string; email: string } | null;
  expiresAt: Date;
}

const WHEN = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hour12: false });

/** The email with a user's link to choose their password: who asked, until when, and what to sign in with afterwards. */
export function signInLinkMail(f: SignInLinkMailFacts, link: string): MailContent {
  const asker = f.requestedBy ? `${f.requestedBy.name} (${f.requestedBy.email})` : null;
  return {
    subject: `Choose your password for JoinedUp (${f.tenantName})`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${f.displayName},` },
      { kind: 'paragraph', text: `${asker ?? 'A tenant administrator'} has given you an account on JoinedUp for ${f.tenantName}. Use this link to choose your password and sign in:` },
      { kind: 'link', url: link },
      { kind: 'inset', text: `The link works once, until ${WHEN.format(f.expiresAt)} UTC. A newer link replaces it.` },
      {
        kind: 'bullets',
        items: [`Your email address: ${f.email}`, `Your organisation’s JoinedUp name: ${f.tenantSlug}`],
      },
      { kind: 'paragraph', text: 'You will need both to sign in later. Do not forward this email: anyone with the link can choose your password.' },
      { kind: 'paragraph', text: `If you did not expect this email, tell ${asker ?? 'your tenant administrator'}.` },
    ],
  };
}
