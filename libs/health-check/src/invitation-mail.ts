import { MailContent } from '@joinedup/mail';

/** What an invitation or reminder says about its round and whom it goes to (no link). */
export interface InvitationMailFacts {
  personName: string;
  organisationName: string;
  roundTitle: string;
  localityName: string;
  programmeName: string | null;
  /** YYYY-MM-DD, UTC days. */
  opensOn: string;
  closesOn: string;
  minGroupSize: number;
  /** Who to ask: the coordinator who sent the invitation, when known. */
  contact: { name: string; email: string } | null;
  /** The day the invitation email was sent (reminders only). */
  sentOn?: string;
}

const DAY = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A UTC day as GOV.UK writes dates: Tuesday 8 December 2026. */
export function longDay(day: string): string {
  return DAY.format(new Date(`${day}T00:00:00Z`)).replace(',', '');
}

const partnership = (f: InvitationMailFacts): string => (f.programmeName ? `${f.programmeName} in ${f.localityName}` : `${f.localityName}’s partnership`);

const contactLine = (f: InvitationMailFacts): string =>
  f.contact
    ? `If you have a question, contact ${f.contact.name} (${f.contact.email}), who invited you.`
    : 'If you have a question, contact your partnership coordinator.';

/** The invitation: the person's own link, the close, and why answering is anonymous. */
export function invitationMail(f: InvitationMailFacts, link: string, today: string): MailContent {
  return {
    subject: `Your link to the health check of ${partnership(f)}: ${f.roundTitle}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${f.personName},` },
      {
        kind: 'paragraph',
        text: `You are invited to answer “${f.roundTitle}”, the health check of ${partnership(f)}: a few short statements on how its member bodies work together. Your answers count for ${f.organisationName}.`,
      },
      { kind: 'paragraph', text: 'Use this link to answer. It is yours alone and works once:' },
      { kind: 'link', url: link },
      {
        kind: 'inset',
        text:
          f.opensOn > today
            ? `You can answer from ${longDay(f.opensOn)} until ${longDay(f.closesOn)}; the link stops working after that.`
            : `The health check closes at the end of ${longDay(f.closesOn)}; the link stops working after that.`,
      },
      { kind: 'paragraph', text: 'When you answer you get an edit code. Keep it to change your answers until the health check closes.' },
      { kind: 'heading', text: 'Why your answers are anonymous' },
      {
        kind: 'bullets',
        items: [
          'The link does not say who you are: JoinedUp keeps who was invited apart from which links exist, with nothing joining them, and this email is the only copy of your link.',
          `Your answers are kept with your organisation and sector only. Results are published when the health check closes, and by organisation or sector only for groups of at least ${f.minGroupSize} people.`,
          'JoinedUp cannot tell who has answered, and nobody, including your coordinator, can see your answers.',
        ],
      },
      { kind: 'paragraph', text: 'Do not forward this email: anyone with the link can answer in your place.' },
      { kind: 'paragraph', text: contactLine(f) },
      { kind: 'paragraph', text: `JoinedUp, for ${partnership(f)}` },
    ],
  };
}

/**
 * The reminder, 3 days before the close. It carries no link: a new link would be a new
 * token, so a second response; the invitation's link still works until the close.
 */
export function reminderMail(f: InvitationMailFacts): MailContent {
  return {
    subject: `Reminder: the health check of ${partnership(f)} closes on ${longDay(f.closesOn)}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${f.personName},` },
      { kind: 'paragraph', text: `The health check “${f.roundTitle}” of ${partnership(f)} closes at the end of ${longDay(f.closesOn)}.` },
      {
        kind: 'inset',
        text: 'If you have answered already, thank you: please ignore this email. JoinedUp cannot tell who has answered, by design, so everyone invited gets this reminder.',
      },
      {
        kind: 'paragraph',
        text: `If you have not, please answer with the link in your invitation email${f.sentOn ? ` of ${longDay(f.sentOn)}` : ''} (subject “Your link to the health check of ${partnership(f)}: ${f.roundTitle}”). This reminder has no link of its own: each person has one link, and it works once.`,
      },
      { kind: 'paragraph', text: contactLine(f) },
      { kind: 'paragraph', text: `JoinedUp, for ${partnership(f)}` },
    ],
  };
}
