import { DeadlineKind } from '@joinedup/deadlines';
import { MAIL_KINDS } from './mail-kinds';

describe('mail kinds', () => {
  it('are the digest and deadline kinds of the catalogue, so a reminder is switched off by its deadline kind', () => {
    const deadlineKinds: string[] = Object.values(DeadlineKind);
    expect(MAIL_KINDS.filter((kind) => kind !== 'DIGEST' && !deadlineKinds.includes(kind))).toEqual([]);
  });
});
