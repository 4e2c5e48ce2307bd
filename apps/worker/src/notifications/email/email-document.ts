import escapeHtml from 'escape-html';

/**
 * An email's content once, rendered twice: as plain text and as HTML with the same words and
 * links. Every piece of text is plain (titles, names, subjects are people's text): the HTML
 * renderer escapes all of it, URLs included.
 */
export type Inline = string | { text: string; href: string };

export type Block =
  | { kind: 'paragraph'; parts: Inline[] }
  | { kind: 'list'; heading: string; items: Inline[][] }
  | { kind: 'footer'; parts: Inline[] };

export interface EmailDocument {
  lang: string;
  subject: string;
  blocks: Block[];
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export const link = (text: string, href: string): Inline => ({ text, href });

export function renderEmail(doc: EmailDocument): RenderedEmail {
  return { subject: oneLine(doc.subject), text: renderText(doc), html: renderHtml(doc) };
}

/** A header must not carry a line break (a title could hold one). */
const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

const textOf = (parts: Inline[]) =>
  parts.map((part) => (typeof part === 'string' ? part : `${part.text} <${part.href}>`)).join(' ');

function renderText(doc: EmailDocument): string {
  const sections = doc.blocks.map((block) => {
    switch (block.kind) {
      case 'paragraph':
        return textOf(block.parts);
      case 'list':
        return [block.heading, ...block.items.map((item) => `- ${textOf(item)}`)].join('\n');
      case 'footer':
        return `--\n${textOf(block.parts)}`;
    }
  });
  return `${sections.join('\n\n')}\n`;
}

const htmlOf = (parts: Inline[]) =>
  parts
    .map((part) =>
      typeof part === 'string'
        ? escapeHtml(part)
        : `<a href="${escapeHtml(part.href)}">${escapeHtml(part.text)}</a>`,
    )
    .join(' ');

function renderHtml(doc: EmailDocument): string {
  const body = doc.blocks.map((block) => {
    switch (block.kind) {
      case 'paragraph':
        return `<p>${htmlOf(block.parts)}</p>`;
      case 'list':
        return [
          `<p>${escapeHtml(block.heading)}</p>`,
          '<ul>',
          ...block.items.map((item) => `<li>${htmlOf(item)}</li>`),
          '</ul>',
        ].join('\n');
      case 'footer':
        return `<hr>\n<p style="color:#555;font-size:smaller">${htmlOf(block.parts)}</p>`;
    }
  });
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(doc.lang)}">`,
    '<head><meta charset="utf-8">',
    `<title>${escapeHtml(oneLine(doc.subject))}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.5">',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
