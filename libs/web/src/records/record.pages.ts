import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Request, Response } from 'express';
import * as Q from '../graphql/generated';
import { SignedInSession } from '../session/signed-in';
import { WebKit, paramOf } from '../web-kit';
import { RecordKind } from './record-links';
import { RECORD_VIEWS, RecordsOf } from './record-views';

/** Each kind's one document: it reads the record as `record`. */
const RECORD_DOCUMENTS: { [K in RecordKind]: TypedDocumentNode<{ record: RecordsOf[K] }, { id: string }> } = {
  localities: Q.WebLocalityRecordDocument,
  programmes: Q.WebProgrammeRecordDocument,
  'programme-roles': Q.WebProgrammeRoleRecordDocument,
  conflicts: Q.WebConflictRecordDocument,
  'conflict-processes': Q.WebConflictProcessRecordDocument,
  briefings: Q.WebBriefingRecordDocument,
  'alignment-requests': Q.WebAlignmentRequestRecordDocument,
  'improvement-reviews': Q.WebImprovementReviewRecordDocument,
  milestones: Q.WebMilestoneRecordDocument,
  recognitions: Q.WebRecognitionRecordDocument,
  organisations: Q.WebOrganisationRecordDocument,
  people: Q.WebPersonRecordDocument,
};

const isKind = (kind: string): kind is RecordKind => Object.prototype.hasOwnProperty.call(RECORD_DOCUMENTS, kind);

/**
 * The record pages a flag's evidence links to, `/records/<kind>/<id>`: read-only, one
 * document each, as the signed-in user may read the record. A record that does not exist,
 * or that the user may not read, is a 404 page with the API's words.
 */
export function registerRecordPages(kit: WebKit, session: SignedInSession): void {
  async function show<K extends RecordKind>(req: Request, res: Response, kind: K): Promise<void> {
    const result = await session.run(req, res, RECORD_DOCUMENTS[kind], { id: paramOf(req, 'id') });
    if (!result) return res.redirect(303, '/sign-in');
    const error = result.errors?.[0];
    if (error && ['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'].includes(error.extensions.code)) {
      return kit.message(res, 404, 'Page not found', error.message);
    }
    if (error) return kit.refusal(res, error);
    const view = RECORD_VIEWS[kind](result.data!.record);
    kit.render(res, 'records/record.njk', { title: `${view.kind}: ${view.title}`, view });
  }

  kit.get('/records/:kind/:id', async (req, res) => {
    const kind = paramOf(req, 'kind');
    if (!isKind(kind)) return kit.message(res, 404, 'Page not found', 'Check the address, or go back to Your JoinedUp.');
    if (kit.badAddress(req, res, 'id')) return;
    await show(req, res, kind);
  });
}
