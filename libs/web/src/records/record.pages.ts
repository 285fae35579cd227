import { SignedInSession } from '../session/signed-in';
import { WebKit } from '../web-kit';
import { RecordKind } from './record-links';
import { RECORD_VIEWS } from './record-views';
import { RECORD_DOCUMENTS } from './records.documents';

const isKind = (kind: string): kind is RecordKind => Object.prototype.hasOwnProperty.call(RECORD_DOCUMENTS, kind);

/**
 * The record pages a flag's evidence links to, `/records/<kind>/<id>`: read-only, one
 * document each, as the signed-in user may read the record. A record that does not exist,
 * or that the user may not read, is a 404 page with the API's words.
 */
export function registerRecordPages(kit: WebKit, session: SignedInSession): void {
  kit.get('/records/:kind/:id', async (req, res) => {
    const kind = String(req.params.kind);
    if (!isKind(kind)) return kit.message(res, 404, 'Page not found', 'Check the address, or go back to Your JoinedUp.');
    if (kit.badAddress(req, res, 'id')) return;
    const result = await session.run<{ record: Record<string, unknown> }>(req, res, RECORD_DOCUMENTS[kind], { id: req.params.id });
    if (!result) return res.redirect(303, '/sign-in');
    const error = result.errors?.[0];
    if (error && ['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'].includes(error.extensions.code)) {
      return kit.message(res, 404, 'Page not found', error.message);
    }
    if (error) return kit.refusal(res, error);
    const view = RECORD_VIEWS[kind](result.data!.record);
    kit.render(res, 'records/record.njk', { title: `${view.kind}: ${view.title}`, view });
  });
}
