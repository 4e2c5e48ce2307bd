/**
 * Whether two opportunity titles say the same thing: the Dice coefficient of their word sets
 * (Latin, Cyrillic... split on anything not a letter or digit; Han, kana and Hangul, which have no
 * spaces, as character pairs). "Slow VPN at the Berlin office" and "VPN slow in Berlin office"
 * are similar; "Slow VPN" and "Slow printer" are not.
 */
export const SIMILAR_TITLE_THRESHOLD = 0.5;

/** Words too common to tell two titles apart. */
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'at',
  'for',
  'in',
  'is',
  'of',
  'on',
  'or',
  'the',
  'to',
  'too',
  'with',
  '的',
  '了',
  '和',
]);

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function titleTokens(title: string): Set<string> {
  const tokens = new Set<string>();
  for (const run of title
    .normalize('NFKC')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (!CJK.test(run)) {
      if (!STOP_WORDS.has(run)) tokens.add(run);
      continue;
    }
    const chars = [...run].filter((c) => !STOP_WORDS.has(c));
    if (chars.length === 1) tokens.add(chars[0] as string);
    for (let i = 0; i + 1 < chars.length; i++) tokens.add(`${chars[i]}${chars[i + 1]}`);
  }
  return tokens;
}

/** 0 (nothing shared) to 1 (the same words). */
export function titleSimilarity(a: string, b: string): number {
  const x = titleTokens(a);
  const y = titleTokens(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const token of x) if (y.has(token)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** The candidates whose titles look like `title`, most similar first. */
export function similarByTitle<T extends { title: string }>(
  title: string,
  candidates: readonly T[],
  threshold = SIMILAR_TITLE_THRESHOLD,
): (T & { similarity: number })[] {
  return candidates
    .map((candidate) => ({ ...candidate, similarity: titleSimilarity(title, candidate.title) }))
    .filter((candidate) => candidate.similarity >= threshold)
    .sort((a, b) => b.similarity - a.similarity);
}
