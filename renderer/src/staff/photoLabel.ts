/**
 * A photograph's name on the staff dashboard. Photographs have no title, only a caption that can run to
 * several sentences; staff recognise a photograph by the start of its caption: its first sentence, cut on
 * a word (or, in Chinese and Japanese, a character) boundary with "…" when it is longer than `max`
 * characters. Pure.
 */
export function photoLabel(caption: string, max = 72): string {
  const text = caption.replace(/\s+/g, ' ').trim();
  // The first sentence: up to a full stop followed by a space (Latin) or a 。 (CJK).
  const end = /[.!?](?=\s)|[。！？]/u.exec(text);
  const sentence = end ? text.slice(0, end.index + 1) : text;
  const chars = [...sentence];
  if (chars.length <= max) return sentence;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  // Latin text is cut at its last space; text without spaces (CJK) at the character.
  const head = space > max / 2 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:、，]+$/u, '')}…`;
}
