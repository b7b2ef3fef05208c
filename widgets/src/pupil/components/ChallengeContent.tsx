import type { ChallengeView } from '../../../../tool/src/shared/api-contract/evaluation.ts';
import type { Pupil } from '../Pupil.tsx';

/** The statement: instruction, its text alternative, illustration, embed and attachments (GAR: external ones as text). */
export function ChallengeContent({ app, challenge }: { app: Pupil; challenge: ChallengeView }) {
  const { illustration, embed, alternativeInstruction, attachments, lang } = challenge;
  return (
    <>
      {/* Sanitised on the server. */}
      {/* The épreuve's own language (WCAG 3.1.2): under an English interface, its French is read as French. */}
      <div class="pix-instruction" lang={lang} dangerouslySetInnerHTML={app.html(challenge.instructionHtml)} />
      {alternativeInstruction && (
        <p class="pix-sr" lang={lang}>
          {alternativeInstruction}
        </p>
      )}
      {illustration && <img src={app.url(illustration.url)} alt={illustration.alt} lang={lang} />}
      {/* No allow-same-origin: the embed's scripts must not reach the tool's origin. */}
      {embed && <iframe src={app.url(embed.url)} title={embed.title} lang={lang} height={embed.height} sandbox="allow-scripts" />}
      {attachments.length > 0 && (
        <ul>
          {attachments.map(({ name, url }) => {
            const href = app.href(url);
            return (
              <li key={name}>
                {href ? (
                  <a href={href} download={name}>
                    {app.t('pupil.download', { name })}
                  </a>
                ) : (
                  `${name} (${url})`
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
