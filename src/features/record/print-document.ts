/**
 * A printable document (the minutes, the agenda) as HTML and as PDF, from one neutral shape, so the
 * two always say the same. The PDF is written by pdfkit with its standard Helvetica: its WinAnsi
 * encoding covers Danish (æ, ø, å and their capitals) and the typographic dashes and quotes; a
 * character outside it (an emoji, a Polish ł) would print as garbage, so it is written as "?"
 * instead. No font file is shipped and nothing runs a browser at run time.
 */
import PDFDocument from 'pdfkit';
import type { Locale } from '../../domain/model';
import { formatTag } from '../../platform/i18n';

export interface PrintLine {
  /** Bold lead-in, e.g. "Beslutning". */
  label?: string;
  text: string;
  /** Makes the line a link (a material's URL). */
  link?: string;
}

export interface PrintBlock {
  heading: string;
  lines: PrintLine[];
}

export interface PrintDocument {
  locale: Locale;
  title: string;
  /** Under the title: the meeting's time and place, the minutes' status. */
  subtitle: string[];
  blocks: PrintBlock[];
  /** Shown when there are no blocks. */
  empty: string;
}

/** The characters Windows-1252 (WinAnsi) has above Latin-1's printable range. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Text as pdfkit's standard fonts can write it: outside WinAnsi -> "?", control characters -> space. */
export function winAnsiText(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\n') out += char;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0 && !WIN_ANSI_EXTRA.has(char))) out += ' ';
    else if (code <= 0xff || WIN_ANSI_EXTRA.has(char)) out += char;
    else out += '?';
  }
  return out;
}

/** The document as a PDF (A4). `now` is its creation date (the injected clock's). */
export async function printPdf(document: PrintDocument, now: Date): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: formatTag(document.locale),
    info: { Title: winAnsiText(document.title), CreationDate: now },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });
  pdf.font('Helvetica-Bold').fontSize(18).text(winAnsiText(document.title));
  pdf.moveDown(0.3).font('Helvetica').fontSize(11);
  for (const line of document.subtitle) pdf.text(winAnsiText(line));
  if (document.blocks.length === 0) pdf.moveDown().text(winAnsiText(document.empty));
  for (const block of document.blocks) {
    pdf.moveDown().font('Helvetica-Bold').fontSize(13).text(winAnsiText(block.heading));
    pdf.fontSize(11);
    for (const line of block.lines) {
      pdf.moveDown(0.2);
      if (line.label) pdf.font('Helvetica-Bold').text(`${winAnsiText(line.label)}: `, { continued: true });
      pdf
        .font('Helvetica')
        .text(
          winAnsiText(line.text),
          safeLink(line.link) ? { link: safeLink(line.link)!, underline: true } : {},
        );
    }
  }
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** Only http(s) links are made links (a stored URL is user text). */
function safeLink(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

function htmlLine(line: PrintLine): string {
  const label = line.label ? `<strong>${escapeHtml(line.label)}:</strong> ` : '';
  const link = safeLink(line.link);
  const text = escapeHtml(line.text).replace(/\n/g, '<br>');
  return `<p>${label}${link ? `<a href="${escapeHtml(link)}">${text}</a>` : text}</p>`;
}

/** The document as a self-contained printable HTML page; every user text is escaped. */
export function printHtml(document: PrintDocument): string {
  const blocks = document.blocks
    .map(
      (block) =>
        `<section><h2>${escapeHtml(block.heading)}</h2>\n${block.lines.map(htmlLine).join('\n')}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${document.locale}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(document.title)}</title>
<style>
body { font-family: "Segoe UI", Arial, sans-serif; margin: 2rem; color: #111; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 .3rem; } p { margin: .2rem 0; }
section { border-bottom: 1px solid #ccc; padding-bottom: .5rem; }
@media print { body { margin: 0; font-size: 11pt; } a { color: #000; } section { page-break-inside: avoid; } }
</style>
</head>
<body>
<h1>${escapeHtml(document.title)}</h1>
${document.subtitle.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
${document.blocks.length === 0 ? `<p>${escapeHtml(document.empty)}</p>` : blocks}
</body>
</html>
`;
}
