import { EvidenceRecordType } from '@joinedup/governance';
import { RECORD_KINDS, recordHref } from './record-links';

const ID = '0b6f1f3e-2c1a-4d3b-9e8f-1a2b3c4d5e6f';

describe('record links', () => {
  it('gives every record type the API declares for evidence an address of its own', () => {
    const hrefs = Object.values(EvidenceRecordType).map((type) => recordHref(type, ID));
    expect(hrefs.every((href) => href?.startsWith('/records/') && href.endsWith(`/${ID}`))).toBe(true);
    expect(new Set(hrefs).size).toBe(hrefs.length);
    expect(Object.keys(RECORD_KINDS).sort()).toEqual(Object.values(EvidenceRecordType).sort());
  });

  it('writes kinds as kebab-case plurals, and knows no other type', () => {
    expect(recordHref('ALIGNMENT_REQUEST', ID)).toBe(`/records/alignment-requests/${ID}`);
    for (const kind of Object.values(RECORD_KINDS)) expect(kind).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(recordHref('toString', ID)).toBeUndefined();
    expect(recordHref('USER', ID)).toBeUndefined();
  });
});
