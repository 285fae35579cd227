/**
 * What a message says, as blocks, rendered once as plain text and once as simple HTML in
 * the style of GOV.UK Notify: black text on white, one column, plain links, no images, no
 * tracking. Every value is text: the HTML rendering escapes it.
 */
export type MailBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  /** A link on a line of its own, written out in full so it can be copied. */
  | { kind: 'link'; url: string }
  /** Set apart with a grey bar, like Notify's inset text. */
  | { kind: 'inset'; text: string }
  | { kind: 'bullets'; items: string[] };

export interface MailContent {
  subject: string;
  blocks: MailBlock[];
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Only http(s) links become anchors; anything else is shown as text. */
const linkable = (url: string): boolean => /^https?:\/\//i.test(url);

const FONT = 'font-family: Helvetica, Arial, sans-serif; font-size: 19px; line-height: 1.315789474; color: #0b0c0c;';

function htmlBlock(block: MailBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="margin: 0 0 20px 0; ${FONT}">${escapeHtml(block.text)}</p>`;
    case 'heading':
      return `<h2 style="margin: 0 0 15px 0; padding: 10px 0 0 0; font-size: 27px; line-height: 1.1; font-family: Helvetica, Arial, sans-serif; color: #0b0c0c;">${escapeHtml(block.text)}</h2>`;
    case 'link':
      return linkable(block.url)
        ? `<p style="margin: 0 0 20px 0; ${FONT}"><a href="${escapeHtml(block.url)}" style="color: #1d70b8; word-break: break-all;">${escapeHtml(block.url)}</a></p>`
        : `<p style="margin: 0 0 20px 0; ${FONT}">${escapeHtml(block.url)}</p>`;
    case 'inset':
      return `<p style="margin: 0 0 20px 0; padding: 15px 0 15px 15px; border-left: 10px solid #b1b4b6; ${FONT}">${escapeHtml(block.text)}</p>`;
    case 'bullets':
      return `<ul style="margin: 0 0 20px 0; padding-left: 20px; ${FONT}">${block.items
        .map((item) => `<li style="margin: 5px 0 5px 0;">${escapeHtml(item)}</li>`)
        .join('')}</ul>`;
  }
}

function textBlock(block: MailBlock): string {
  switch (block.kind) {
    case 'paragraph':
    case 'link':
      return block.kind === 'link' ? block.url : block.text;
    case 'heading':
      return `${block.text}\n${'-'.repeat(Math.min(block.text.length, 70))}`;
    case 'inset':
      return `^ ${block.text}`;
    case 'bullets':
      return block.items.map((item) => `* ${item}`).join('\n');
  }
}

/** The plain-text and HTML bodies of a message (its subject kept to one line). */
export function renderMail(content: MailContent): RenderedMail {
  const subject = content.subject.replace(/\s+/g, ' ').trim();
  const text = `${content.blocks.map(textBlock).join('\n\n')}\n`;
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin: 0; padding: 0; background: #ffffff;">',
    '<div style="max-width: 580px; margin: 0 auto; padding: 20px 10px;">',
    ...content.blocks.map(htmlBlock),
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
  return { subject, text, html };
}
