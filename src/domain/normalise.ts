/**
 * Text normalisation for matching what people type against command and group names:
 * case-insensitive, Danish letters folded (æ->ae, ø->oe, å->aa), other accents dropped (NFKD),
 * whitespace collapsed. "HJÆLP", "hjælp" and "hjaelp" all become "hjaelp".
 */
export function normaliseForMatch(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}
