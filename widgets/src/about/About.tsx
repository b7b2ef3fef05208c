import { Page } from '../kit/components/Page.tsx';
import { createTranslator } from '../kit/messages.ts';
import type { WidgetProps } from '../kit/mount.tsx';
import { readAboutData } from './aboutData.ts';

/** The product name is a brand: never translated. */
export const PRODUCT_NAME = 'Pix Embed';

/** "À propos": what Pix Embed is, its version, the CRCN competences, and the personal-data notice. */
export function About({ boot }: WidgetProps) {
  const t = createTranslator(boot.messages);
  const { version, areas } = readAboutData(boot.data);
  return (
    <Page title={PRODUCT_NAME}>
      <p>{t('about.intro', { product: PRODUCT_NAME })}</p>
      {version !== undefined && <p class="pix-muted">{t('about.version', { version })}</p>}

      {areas.length > 0 && (
        <section>
          <h2>{t('about.competences.title')}</h2>
          <ul>
            {areas.map((area) => (
              <li key={area.code}>
                <h3>{t('about.area', { code: area.code, name: area.name })}</h3>
                <ul>
                  {area.competences.map((competence) => (
                    <li key={competence.index}>
                      {competence.index} {competence.name}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section>
        <h2>{t('about.privacy.title')}</h2>
        <p>{t('about.privacy.text')}</p>
      </section>
    </Page>
  );
}
