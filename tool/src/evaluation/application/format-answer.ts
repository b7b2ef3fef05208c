import type { Solution } from '../../referential/domain/answer-validation/types.ts';
import type { Challenge } from '../../referential/domain/referential.ts';

/** Checkpoint texts: what the pupil answered and what was expected, readable by a person (never sent before answering). */

function stripTags(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

function choiceText(challenge: Challenge, position: number): string {
  if (challenge.proposals.kind !== 'choices') return String(position);
  const html = challenge.proposals.choicesHtml[position - 1];
  return html === undefined ? String(position) : stripTags(html);
}

function blockLabels(challenge: Challenge): Map<string, string> {
  const labels = new Map<string, string>();
  if (challenge.proposals.kind !== 'blocks') return labels;
  for (const line of challenge.proposals.parsed.lines) {
    for (const segment of line) if (segment.kind !== 'text') labels.set(segment.key, segment.ariaLabel);
  }
  return labels;
}

export function formatExpectedAnswer(challenge: Challenge): string {
  const solution: Solution = challenge.solution;
  switch (solution.type) {
    case 'QCU':
      return choiceText(challenge, solution.value);
    case 'QCM':
      return solution.values.map((v) => choiceText(challenge, v)).join(' ; ');
    case 'QROC':
      return solution.accepted[0] ?? '';
    case 'QROCM-ind': {
      const labels = blockLabels(challenge);
      return Object.entries(solution.accepted)
        .map(([key, accepted]) => `${labels.get(key) ?? key} : ${accepted[0] ?? ''}`)
        .join(' ; ');
    }
    case 'QROCM-dep':
      return Object.values(solution.accepted)
        .slice(0, solution.fieldKeys.length)
        .map((accepted) => accepted[0] ?? '')
        .join(' ; ');
  }
}

export function formatGivenAnswer(challenge: Challenge, value: unknown, result: string): string {
  if (result === 'aband') return '—';
  if (value === null || value === undefined || value === '') return '—';
  if (challenge.type === 'QCU' && (typeof value === 'number' || typeof value === 'string')) return choiceText(challenge, Number(value));
  if (challenge.type === 'QCM' && Array.isArray(value)) return value.map((v) => choiceText(challenge, Number(v))).join(' ; ');
  if (typeof value === 'object' && !Array.isArray(value)) {
    const labels = blockLabels(challenge);
    return Object.entries(value as Record<string, unknown>)
      .map(([key, given]) => `${labels.get(key) ?? key} : ${typeof given === 'string' ? given : '—'}`)
      .join(' ; ');
  }
  return typeof value === 'string' ? value.slice(0, 500) : String(value);
}
