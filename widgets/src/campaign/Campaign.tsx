import { Component } from 'preact';
import type { CampaignLandingView, ParticipationView } from '../../../tool/src/shared/api-contract/campaigns.ts';
import { Page } from '../kit/components/Page.tsx';
import { isRecord } from '../kit/guards.ts';
import { createRequest, type Request } from './request.ts';
import { createTranslator, type Translator } from '../kit/messages.ts';
import type { WidgetProps } from '../kit/mount.tsx';

/** Module-level (stable identity): focuses the results she has just reached, once. */
function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}

interface CampaignState {
  participations: ParticipationView[];
  landing: CampaignLandingView | null;
  error: string | null;
  busy: boolean;
}

interface CampaignData {
  participations: ParticipationView[];
  landing: CampaignLandingView | null;
  codeError: string | null;
  /** The participation whose assessment she has just finished (the player sends her here). */
  focus: string | null;
  /** GAR sessions whose school does not allow links: external addresses shown as text. */
  linksAsText: boolean;
}

/** boot.data as campaigns/application/campaign-pages.ts sends it. */
function readData(data: unknown): CampaignData {
  if (!isRecord(data) || !Array.isArray(data.participations)) return { participations: [], landing: null, codeError: null, focus: null, linksAsText: false };
  return {
    participations: data.participations as ParticipationView[],
    landing: isRecord(data.landing) ? (data.landing as unknown as CampaignLandingView) : null,
    codeError: typeof data.codeError === 'string' ? data.codeError : null,
    focus: typeof data.focus === 'string' ? data.focus : null,
    linksAsText: data.outboundLinks === 'text',
  };
}

/**
 * The pupil's campaigns: join by code, then play (the épreuves open in the pupil player, same answer API),
 * see the results and send them to the teacher.
 */
export class Campaign extends Component<WidgetProps, CampaignState> {
  declare api: Request;
  declare t: Translator;
  declare data: CampaignData;

  constructor(props: WidgetProps) {
    super(props);
    this.api = createRequest(props.boot.apiBase, props.boot.token);
    this.t = createTranslator(props.boot.messages);
    const data = (this.data = readData(props.boot.data));
    this.state = { participations: data.participations, landing: data.landing, error: data.codeError ? this.t('campaign.unknownCode') : null, busy: false };
  }

  async act(work: () => Promise<void>): Promise<void> {
    this.setState({ busy: true, error: null });
    try {
      await work();
      this.setState({ busy: false });
    } catch (error) {
      this.setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  upsert(view: ParticipationView): void {
    this.setState(({ participations }) => ({
      landing: null,
      participations: [view, ...participations.filter((p) => p.id !== view.id && p.campaign.code !== view.campaign.code)],
    }));
  }

  join(event: Event): void {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const externalId = form.get('externalId');
    void this.act(async () =>
      this.upsert(
        (await this.api.request('POST', 'campaign-participations', {
          code: String(form.get('code') ?? ''),
          ...(typeof externalId === 'string' && externalId ? { participantExternalId: externalId } : {}),
        })) as ParticipationView,
      ),
    );
  }

  post(p: ParticipationView, action: 'share' | 'retry'): void {
    void this.act(async () => this.upsert((await this.api.request('POST', `campaign-participations/${p.id}/${action}`)) as ParticipationView));
  }

  /**
   * A tutorial's link; in GAR "text" mode an address outside the tool is shown as text (readable, selectable),
   * and the tool's own pages are asked to print theirs as text too (`?links=text`).
   */
  tutorial({ url, title }: { url: string; title: string }) {
    const tool = new URL('/', this.props.boot.apiBase).href;
    const href = new URL(url, this.props.boot.apiBase).href;
    if (!this.data.linksAsText) return <a href={href} target="_blank" rel="noopener">{title}</a>;
    if (!href.startsWith(tool)) return `${title} (${url})`;
    const page = new URL(href);
    page.searchParams.set('links', 'text');
    return <a href={page.href} target="_blank" rel="noopener">{title}</a>;
  }

  override render(_props: WidgetProps, { participations, landing, error, busy }: CampaignState) {
    const t = this.t;
    const play = `${this.props.boot.apiBase.replace(/\/api\/?$/, '')}/campaigns/play`;
    return (
      <Page title={t('campaign.title')}>
        {error && (
          <p class="pix-error" role="alert">
            {error}
          </p>
        )}
        <form onSubmit={(e) => this.join(e)}>
          {landing && <h2>{landing.title ?? landing.name}</h2>}
          {landing?.landingText && <p>{landing.landingText}</p>}
          <label>
            {t('campaign.codeLabel')} <input name="code" required maxLength={30} autoComplete="off" value={landing?.code ?? ''} />
          </label>
          {landing?.externalIdLabel && (
            <label>
              {landing.externalIdLabel} <input name="externalId" required maxLength={255} />
            </label>
          )}{' '}
          <button type="submit" disabled={busy}>
            {t('campaign.join')}
          </button>
        </form>
        {participations.length === 0 && <p>{t('campaign.none')}</p>}
        {participations.map((p) => (
          <section key={p.id} aria-label={p.campaign.name}>
            <h2 tabIndex={-1} ref={p.id === this.data.focus ? focusOnMount : undefined}>
              {p.campaign.title ?? p.campaign.name}
            </h2>
            {p.status === 'STARTED' && p.assessmentId && (
              <form method="post" action={play}>
                <input type="hidden" name="token" value={this.api.token() ?? ''} />
                <input type="hidden" name="assessmentId" value={p.assessmentId} />
                <button type="submit">{t(p.assessmentAnswered ? 'campaign.resume' : 'campaign.start')}</button>
              </form>
            )}
            {p.results && (
              <>
                <p>
                  <strong>{t('campaign.mastery', { percent: p.results.masteryPercent })}</strong>
                </p>
                {p.results.stage && <p>{t('campaign.stage', { reached: p.results.stage.reached - 1, total: p.results.stage.total - 1, title: p.results.stage.title })}</p>}
                <ul>
                  {p.results.competences.map((c) => (
                    <li key={c.index}>
                      {c.index} {c.name} <meter min={0} max={100} value={c.masteryPercent} /> {c.masteryPercent} %
                    </li>
                  ))}
                </ul>
                <ul>
                  {p.results.tutorials.map((tu) => (
                    <li key={tu.id}>{this.tutorial(tu)}</li>
                  ))}
                </ul>
              </>
            )}
            {p.canShare && (
              <button type="button" onClick={() => this.post(p, 'share')} disabled={busy}>
                {t('campaign.share')}
              </button>
            )}
            {p.sharedAt && <p>{t('campaign.shared', { date: new Date(p.sharedAt).toLocaleDateString(this.props.boot.locale) })}</p>}
            {p.canRetry && (
              <button type="button" onClick={() => this.post(p, 'retry')} disabled={busy}>
                {t('campaign.retry')}
              </button>
            )}
            {p.retryInDays !== null && <p class="pix-muted">{t('campaign.retryIn', { days: p.retryInDays })}</p>}
          </section>
        ))}
      </Page>
    );
  }
}
