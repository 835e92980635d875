/**
 * A photograph's name on the staff dashboard. Photographs have no title, only a caption that can run to
 * several sentences; staff recognise a photograph by the start of its caption: its first sentence, cut on
 * a word (or, in Chinese and Japanese, a character) boundary, never inside an open bracket, with "…" when it is longer than `max`
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
  return `${closed(head).replace(/[\s,;:、，]+$/u, '')}…`;
}

/** A cut that would leave a bracket open ("… scan (for…") ends before that bracket instead. */
function closed(head: string): string {
  // The brackets still open at the cut; the first of them is where the label ends.
  const open: number[] = [];
  [...head].forEach((c, i) => {
    if (c === '(' || c === '（') open.push(i);
    else if ((c === ')' || c === '）') && open.length > 0) open.pop();
  });
  const first = open[0];
  return first !== undefined && first > 0 ? [...head].slice(0, first).join('') : head;
}
