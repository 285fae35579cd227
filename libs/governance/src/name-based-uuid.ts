import { createHash } from 'node:crypto';

/**
 * A uuid (version 5 layout) derived from a name: the same name always gives the same id,
 * for rows that must be found again by what they are (a retried job's scan, a rule's audit entries).
 */
export function nameBasedUuid(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
