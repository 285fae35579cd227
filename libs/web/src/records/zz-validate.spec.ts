import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { RECORD_DOCUMENTS } from './records.documents';
it('validates', () => {
  const schema = buildSchema(readFileSync('/tmp/wf/schema2.graphql', 'utf8'));
  const docs: Record<string, string> = { ...RECORD_DOCUMENTS };
  try { Object.assign(docs, require('../flags/flag.documents')); } catch {}
  const problems = Object.entries(docs).filter(([, d]) => typeof d === 'string').flatMap(([k, d]) => validate(schema, parse(d)).map((e) => `${k}: ${e.message}`));
  expect(problems).toEqual([]);
});
