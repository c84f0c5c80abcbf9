/**
 * Turns what someone typed into safe match terms: words of letters and digits only, so no input
 * can inject query syntax. Each word also matches words it begins ("garden" finds "gardening").
 */
export function searchTerms(input: string, limit = 8): string[] {
  const words = input
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2 && word.length <= 40);
  return [...new Set(words)].slice(0, limit).map((word) => `${word}*`);
}
