/**
 * Edit distance (insertions, deletions, substitutions) over code points, so that an emoji or an
 * astral character counts as one edit. O(n·m) time, two rows of memory; callers bound the inputs.
 */
export function levenshtein(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  if (left.length === 0) return right.length;
  if (right.length === 0) return left.length;

  let previous = new Array<number>(right.length + 1);
  let current = new Array<number>(right.length + 1);
  for (let j = 0; j <= right.length; j++) previous[j] = j;

  for (let i = 1; i <= left.length; i++) {
    current[0] = i;
    const char = left[i - 1];
    for (let j = 1; j <= right.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (char === right[j - 1] ? 0 : 1);
      const deletion = (previous[j] ?? 0) + 1;
      const insertion = (current[j - 1] ?? 0) + 1;
      current[j] = Math.min(substitution, deletion, insertion);
    }
    [previous, current] = [current, previous];
  }
  return previous[right.length] ?? 0;
}

/** Distance relative to the answer's length, as upstream Pix does; an empty answer only matches itself. */
export function levenshteinRatio(answer: string, reference: string): number {
  const length = Array.from(answer).length;
  if (length === 0) return reference.length === 0 ? 0 : Number.POSITIVE_INFINITY;
  return levenshtein(answer, reference) / length;
}
