import { focusOnMount } from '../../kit/focus.ts';
import type { Translator } from '../../kit/messages.ts';

/** A failed request: message, code for support, and a retry sending the same request again. */
export function ErrorAlert({ t, code, onRetry }: { t: Translator; code: string; onRetry(): void }) {
  // Focused so it scrolls into view wherever the pupil clicked; the screen behind keeps what was typed.
  return (
    <div class="pix-alert" role="alert" tabIndex={-1} ref={focusOnMount}>
      <p>{t('pupil.error')}</p>
      <p>{t('boot.error.code', { code })}</p>
      <button type="button" onClick={onRetry}>
        {t('pupil.retry')}
      </button>
    </div>
  );
}
