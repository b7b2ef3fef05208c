import type { ChallengeView } from '../../../../tool/src/shared/api-contract/evaluation.ts';
import type { Pupil } from '../Pupil.tsx';

/** The statement: instruction, its text alternative, illustration, embed and attachments (GAR: external ones as text). */
export function ChallengeContent({ app, challenge }: { app: Pupil; challenge: ChallengeView }) {
  const { illustration, embed, alternativeInstruction, attachments } = challenge;
  return (
    <>
      {/* Sanitised on the server. */}
      <div class="pix-instruction" dangerouslySetInnerHTML={app.html(challenge.instructionHtml)} />
      {alternativeInstruction && <p class="pix-sr">{alternativeInstruction}</p>}
      {illustration && <img src={app.url(illustration.url)} alt={illustration.alt} />}
      {/* No allow-same-origin: the embed's scripts must not reach the tool's origin. */}
      {embed && <iframe src={app.url(embed.url)} title={embed.title} height={embed.height} sandbox="allow-scripts" />}
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
