import type { BootError } from '../boot.ts';
import { resolveLocale } from '../resolve-locale.ts';
import { Page } from './Page.tsx';

export interface BootErrorViewProps {
  error: BootError;
  /** Locale tag to use when the boot data could not give one. */
  fallbackLocale?: string | undefined;
}

// Its own few words: when boot data is broken, the inlined catalogue may be missing too.
const TEXTS = {
  fr: ['Impossible d’afficher ce contenu', 'Rechargez la page ; si le problème persiste, prévenez l’administrateur de la plateforme.'],
  en: ['This content cannot be displayed', 'Reload the page; if the problem persists, tell the platform administrator.'],
} as const;

/** Shown instead of the widget when its boot data is missing or malformed. */
export function BootErrorView({ error, fallbackLocale }: BootErrorViewProps) {
  const [title, text] = TEXTS[resolveLocale(error.locale ?? fallbackLocale)];
  return (
    <Page title={title}>
      <p role="alert">{text}</p>
      <p class="pix-muted">{error.code}</p>
    </Page>
  );
}
