import { Component } from 'preact';
import type { CampaignPreviewView, CampaignView } from '../../../../tool/src/shared/api-contract/campaigns.ts';
import type { ChallengeView } from '../../../../tool/src/shared/api-contract/evaluation.ts';
import type { EditorProps } from './ProfileBuilder.tsx';
import { AnswerLine } from '../../kit/components/AnswerLine.tsx';

interface PreviewState {
  /** Null on the landing page, before "Commencer". */
  step: CampaignPreviewView | null;
  error: string;
  busy: boolean;
}

/** The form's fields → AnswerRequest.value in the challenge type's shape (QCU number, QCM number[], QROC string, QROCM object). */
function answerValue(challenge: ChallengeView, form: FormData): unknown {
  if (challenge.choices) return challenge.type === 'QCU' ? Number(form.get('v')) : form.getAll('v').map(Number);
  const keys = (challenge.lines ?? []).flat().flatMap((s) => (s.kind === 'text' ? [] : [s.key]));
  const text = (key: string) => String(form.get(key) ?? '');
  return challenge.type === 'QROC' ? text(keys[0] ?? '') : Object.fromEntries(keys.map((k) => [k, text(k)]));
}

/**
 * The campaign as a pupil sees it — landing, adaptive questions on its skills, checkpoints, results — on the
 * server's preview endpoints, which store nothing: no participation, no knowledge, no grade. No timer here.
 */
export class CampaignPreview extends Component<EditorProps & { campaign: CampaignView }, PreviewState> {
  constructor(props: EditorProps & { campaign: CampaignView }) {
    super(props);
    this.state = { step: null, error: '', busy: false };
  }

  /** Each new step moves focus to its heading, so screen readers announce it. */
  override componentDidUpdate(_props: unknown, previous: PreviewState): void {
    if (this.state.step !== previous.step) document.querySelector<HTMLElement>('.pix-page h2[tabindex]')?.focus();
  }

  go(path: string, body?: Record<string, unknown>): void {
    this.setState({ busy: true, error: '' });
    this.props.api
      .request('POST', `campaigns/${this.props.campaign.id}/preview${path}`, body)
      .then((step) => this.setState({ step: step as CampaignPreviewView, busy: false }))
      .catch((e: Error) => this.setState({ error: e.message, busy: false }));
  }

  answer(event: Event, challenge: ChallengeView, token: string): void {
    event.preventDefault();
    const skipped = (event as SubmitEvent).submitter?.getAttribute('value') === 'skip';
    const body = skipped ? { skipped } : { value: answerValue(challenge, new FormData(event.currentTarget as HTMLFormElement)) };
    this.go('/answers', { token, challengeId: challenge.id, ...body });
  }

  override render() {
    const { t, campaign: c, onClose, Page } = this.props;
    const { step, error, busy } = this.state;
    const ch = step?.challenge;
    const next = step && (() => this.go('/continue', { token: step.token }));
    return (
      <Page title={t('editor.preview', { name: c.name })}>
        <p class="pix-muted">{t('editor.previewNote')}</p>
        <div aria-live="polite">{step?.lastResult && <p class="pix-note">{t(`pupil.${step.lastResult}`)}</p>}</div>
        {!step && (
          <>
            <h2>{c.title ?? c.name}</h2>
            {c.landingText && <p>{c.landingText}</p>}
            {c.externalIdLabel && (
              <p>
                <label>
                  {c.externalIdLabel} <input disabled />
                </label>
              </p>
            )}
            <button type="button" disabled={busy} onClick={() => this.go('')}>
              {t('editor.start')}
            </button>
          </>
        )}
        {ch && step && (
          <form key={ch.id} onSubmit={(e) => this.answer(e, ch, step.token)}>
            <h2 tabIndex={-1}>{t('editor.question', { n: step.answeredCount + 1 })}</h2>
            {/* Sanitised on the server. */}
            <div class="pix-instruction" lang={ch.lang} dangerouslySetInnerHTML={{ __html: ch.instructionHtml }} />
            {ch.illustration && <img src={ch.illustration.url} alt={ch.illustration.alt} lang={ch.lang} />}
            {ch.embed && <iframe src={ch.embed.url} title={ch.embed.title} lang={ch.lang} height={ch.embed.height} />}
            {ch.attachments.map((a) => (
              <p key={a.url}>
                <a href={a.url}>{a.name}</a>
              </p>
            ))}
            <fieldset>
              <legend>{t('editor.answer')}</legend>
              {ch.choices?.map((choice) => (
                <p key={choice.value}>
                  <label>
                    <input type={ch.type === 'QCU' ? 'radio' : 'checkbox'} name="v" value={choice.value} /> <span lang={ch.lang} dangerouslySetInnerHTML={{ __html: choice.html }} />
                  </label>
                </p>
              ))}
              {ch.lines?.map((line, i) => (
                <p key={i}>
                  {line.map((s, j) =>
                    s.kind === 'text' ? (
                      <span key={`text-${j}`} lang={ch.lang}>
                        {s.text}
                      </span>
                    ) : s.kind === 'input' ? (
                      <input name={s.key} lang={ch.lang} aria-label={s.ariaLabel} placeholder={s.placeholder} autoComplete="off" inputMode={ch.format === 'nombre' ? 'decimal' : undefined} />
                    ) : (
                      <select name={s.key} lang={ch.lang} aria-label={s.ariaLabel}>
                        <option value="">{t('pupil.choose')}</option>
                        {s.options.map((o) => (
                          <option key={o}>{o}</option>
                        ))}
                      </select>
                    ),
                  )}
                </p>
              ))}
            </fieldset>
            <button type="submit" disabled={busy}>
              {t('editor.send')}
            </button>{' '}
            <button type="submit" value="skip" disabled={busy}>
              {t('editor.skip')}
            </button>
          </form>
        )}
        {step?.checkpoint && (
          <>
            <h2 tabIndex={-1}>{t('pupil.checkpoint')}</h2>
            <ol>
              {step.checkpoint.map((a) => (
                <li key={a.challengeId}>
                  <p class={a.result === 'ok' ? 'pix-ok' : 'pix-ko'}>
                    <span aria-hidden="true">{a.result === 'ok' ? '✓' : '✗'}</span> {t(`pupil.${a.result}`)}
                  </p>
                  <div lang={a.lang} dangerouslySetInnerHTML={{ __html: a.instructionHtml }} />
                  <AnswerLine t={t} which="pupil.given" answer={a.givenAnswer} lang={a.lang} />
                  <AnswerLine t={t} which="pupil.expected" answer={a.expectedAnswer} lang={a.lang} />
                </li>
              ))}
            </ol>
            <button type="button" disabled={busy} onClick={next ?? undefined}>
              {t('pupil.continue')}
            </button>
          </>
        )}
        {step?.results && (
          <>
            <h2 tabIndex={-1}>{t('pupil.results')}</h2>
            <p>{t('editor.mastery', { percent: step.results.masteryPercent, validated: step.results.validatedSkillsCount, targeted: step.results.targetedSkillsCount })}</p>
            {step.results.stage && (
              <p>
                {step.results.stage.title} ({step.results.stage.reached}/{step.results.stage.total}) {step.results.stage.message}
              </p>
            )}
            <ul class="pix-bars">
              {step.results.competences.map((comp) => (
                <li key={comp.index}>
                  {comp.index} {comp.name} <meter min={0} max={100} value={comp.masteryPercent} /> {comp.masteryPercent} %
                </li>
              ))}
            </ul>
          </>
        )}
        {error && (
          <p class="pix-error" role="alert">
            {error}
          </p>
        )}
        <p>
          <button type="button" onClick={onClose}>
            {t('editor.closePreview')}
          </button>
        </p>
      </Page>
    );
  }
}
