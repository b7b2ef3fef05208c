import type { ChallengeView } from '../../shared/api-contract/evaluation.ts';
import type { SignedUrls } from '../../identity/domain/signed-url.ts';
import type { Challenge } from '../../referential/domain/referential.ts';
import { attachmentPath } from '../../referential/application/attachment-routes.ts';
import { proposalOrder } from '../domain/proposal-order.ts';

/** The language of an épreuve's text, as an HTML lang value: "fr-fr" → "fr". */
export function challengeLang(challenge: Challenge): string {
  return (challenge.locales[0] ?? 'fr').split('-')[0]!.toLowerCase();
}

/**
 * The one place a challenge becomes JSON for a widget. It copies fields one by one — never the whole
 * record — so the solution and the treatments cannot leave the server by accident. `assessmentSeed` orders the
 * proposals of a QCU or QCM for that assessment.
 */
export function presentChallenge(challenge: Challenge, askedAt: Date, signedUrls: SignedUrls, assessmentSeed: string): ChallengeView {
  const view: ChallengeView = {
    id: challenge.id,
    type: challenge.type,
    lang: challengeLang(challenge),
    instructionHtml: challenge.instructionHtml,
    attachments: challenge.attachments.map((name) => ({ name, url: signedUrls.sign(attachmentPath(challenge.id, name), 3600) })),
    focused: challenge.focused,
    askedAt: askedAt.toISOString(),
  };
  if (challenge.alternativeInstruction) view.alternativeInstruction = challenge.alternativeInstruction;
  if (challenge.proposals.kind === 'choices') {
    // Shown in the assessment's order, valued by shown position (proposal-order.ts).
    const { choicesHtml } = challenge.proposals;
    const order = proposalOrder(challenge, assessmentSeed) ?? choicesHtml.map((_html, i) => i + 1);
    view.choices = order.map((written, i) => ({ value: i + 1, html: choicesHtml[written - 1]! }));
  } else {
    view.lines = challenge.proposals.parsed.lines.map((line) =>
      line.map((segment) => {
        if (segment.kind === 'text') return { kind: 'text', text: segment.text };
        if (segment.kind === 'select') return { kind: 'select', key: segment.key, ariaLabel: segment.ariaLabel, options: [...segment.options] };
        return { kind: 'input', key: segment.key, ariaLabel: segment.ariaLabel, ...(segment.placeholder ? { placeholder: segment.placeholder } : {}) };
      }),
    );
  }
  if (challenge.format) view.format = challenge.format;
  if (challenge.illustration) {
    view.illustration = { url: signedUrls.sign(attachmentPath(challenge.id, challenge.illustration.file), 3600), alt: challenge.illustration.alt };
  }
  if (challenge.embed) {
    view.embed = { url: signedUrls.sign(attachmentPath(challenge.id, challenge.embed.file, 'embed'), 3600), title: challenge.embed.title, height: challenge.embed.height };
  }
  if (challenge.timer !== undefined) view.timer = challenge.timer;
  return view;
}
