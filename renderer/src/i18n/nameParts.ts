/**
 * A person's name in parts that must not be broken across lines: Japanese and Chinese write foreign
 * names as syllables joined by a middle dot (ジョン・ラーベ, 约翰·拉贝), and a line may only break after a
 * dot, never inside a part ("ポドシヴァロ / フ"). Each part keeps its dot.
 */
export function nameParts(name: string): string[] {
  return name.split(/(?<=[・·‧•･])/u).filter((part) => part.length > 0);
}
