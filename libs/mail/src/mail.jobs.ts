/**
 * The one queue every outgoing message goes through. Its job names are a stored contract
 * with jobs already queued: domain libraries declare theirs as constants and register a
 * handler for each (MailJobs.handle); a job's payload names records (ids) and its tenant,
 * never a message's text or a secret in it.
 */
export const MAIL_QUEUE = 'mail';

export interface MailJob {
  tenantId: string;
}
