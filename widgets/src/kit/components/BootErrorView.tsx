import type { BootError } from '../boot.ts';
import { createTranslator } from '../messages.ts';
import { Page } from './Page.tsx';

export interface BootErrorViewProps {
  error: BootError;
  /** Locale tag to use when the boot data could not give one. */
  fallbackLocale?: string | undefined;
}

/** Shown instead of the widget when its boot data is missing or malformed. */
export function BootErrorView({ error, fallbackLocale }: BootErrorViewProps) {
  const t = createTranslator(error.locale ?? fallbackLocale);
  return (
    <Page title={t('boot.error.title')}>
      <p role="alert">{t('boot.error.text')}</p>
      <p class="pix-muted">{t('boot.error.code', { code: error.code })}</p>
    </Page>
  );
}
