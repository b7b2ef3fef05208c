import type { Translator } from '../../kit/messages.ts';

/** The end of an editor form: the server's refusal if any, then save and cancel. */
export function FormEnd({ t, error, busy, saveLabel, onClose }: { t: Translator; error: string; busy: boolean; saveLabel: string; onClose: () => void }) {
  return (
    <>
      {error && (
        <p class="pix-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {saveLabel}
      </button>{' '}
      <button type="button" onClick={onClose}>
        {t('editor.cancel')}
      </button>
    </>
  );
}
