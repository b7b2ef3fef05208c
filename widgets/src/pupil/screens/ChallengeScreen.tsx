import type { AssessmentView, ChallengeView } from '../../../../tool/src/shared/api-contract/evaluation.ts';
import { BlocksAnswer } from '../answer-forms/BlocksAnswer.tsx';
import { ChoiceAnswer } from '../answer-forms/ChoiceAnswer.tsx';
import { readAnswer } from '../answer-forms/answerValue.ts';
import { ChallengeContent } from '../components/ChallengeContent.tsx';
import { Title } from '../components/Title.tsx';
import { noticeDue, type Pupil } from '../Pupil.tsx';

/** Questions in a series; a checkpoint follows each series (pix-domain §3.1). */
export const SERIES_LENGTH = 5;

function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export interface ChallengeScreenProps {
  app: Pupil;
  assessment: AssessmentView;
  challenge: ChallengeView;
}

/** One challenge: timer notice if timed, then statement, countdown, answer form, "Je valide" and "Je passe". */
export function ChallengeScreen({ app, assessment, challenge }: ChallengeScreenProps) {
  const t = app.t;
  const { busy, picked, texts, deadline, warnedAt, focusedOut, view } = app.state;
  const { timer, focused } = challenge;
  const notice = noticeDue(challenge, deadline);
  const answer = readAnswer(challenge, picked, texts);
  const left = deadline === null ? null : Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
  return (
    <>
      <h1>{assessment.competence?.name ?? t('pupil.evaluation')}</h1>
      {/* Keyed: remounted when the question replaces the notice, so focus follows. */}
      <Title key={String(notice)} h2 focus={view.focus}>
        {t('pupil.question', { n: assessment.progressInSeries, total: SERIES_LENGTH })}
      </Title>
      {focused && <p class="pix-note">{t('pupil.stay')}</p>}
      {notice ? (
        <>
          <p class="pix-note">{t('pupil.timed', { seconds: timer ?? 0 })}</p>
          <button type="button" onClick={() => app.begin(timer ?? 0)}>
            {t('pupil.go')}
          </button>
        </>
      ) : (
        <>
          {left !== null && (
            <>
              {/* role=timer is not live: no announcement every second, one when time is nearly up. */}
              <p class="pix-timer" role="timer">
                {t('pupil.timeLeft', { time: clock(left) })}
              </p>
              <p class="pix-sr" aria-live="polite">
                {warnedAt !== null && t('pupil.timeLeft', { time: clock(warnedAt) })}
              </p>
            </>
          )}
          {focusedOut && (
            <p class="pix-alert" role="alert">
              {t('pupil.left')}
            </p>
          )}
          <ChallengeContent app={app} challenge={challenge} />
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (answer.complete) app.send(false);
            }}
          >
            {challenge.choices ? (
              <ChoiceAnswer challenge={challenge} picked={picked} onPick={(next) => app.setState({ picked: next })} t={t} />
            ) : (
              <BlocksAnswer
                challenge={challenge}
                texts={texts}
                onText={(key, text) => app.setState((state) => ({ texts: { ...state.texts, [key]: text } }))}
                t={t}
              />
            )}
            {/* At zero the answer has gone with timedOut: a retry (alert) re-sends it, not this button. */}
            <button type="submit" disabled={busy || !answer.complete || left === 0}>
              {t('pupil.validate')}
            </button>
            <button type="button" class="pix-btn2" disabled={busy} onClick={() => app.send(true)}>
              {t('pupil.skip')}
            </button>
          </form>
        </>
      )}
    </>
  );
}
