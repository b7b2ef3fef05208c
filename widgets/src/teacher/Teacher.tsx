import { Component } from 'preact';
import type { CampaignView, DashboardView, TargetProfileView } from '../../../tool/src/shared/api-contract/campaigns.ts';
import { Page, type PageProps } from '../kit/components/Page.tsx';
import { isRecord } from '../kit/guards.ts';
import { createRequest, type Request } from '../campaign/request.ts';
import { createTranslator, type Translator } from '../kit/messages.ts';
import type { WidgetProps } from '../kit/mount.tsx';
import { LazyGradeSync } from './dashboard/LazyGradeSync.tsx';

/** The editor screen open instead of the list (teacher/editor/): profile builder, campaign edit, pupil preview. */
type Editor = { kind: 'build' } | { kind: 'edit' | 'preview'; campaign: CampaignView };

/** The editor screens' chunk (editor/editors.ts). */
type Editors = typeof import('./editor/editors.ts');

interface TeacherState {
  campaigns: CampaignView[];
  profiles: TargetProfileView[];
  dashboard: DashboardView | null;
  error: string | null;
  busy: boolean;
  editor: Editor | null;
  /** The editors' chunk could not be fetched (offline school network): the open editor offers to try again. */
  editorsFailed?: boolean;
  /** The custom profile just saved, selected in the creation form. */
  picked?: string;
}

/** boot.data as campaigns/application/campaign-pages.ts sends it. */
function readData(data: unknown): { campaigns: CampaignView[]; profiles: TargetProfileView[] } {
  return isRecord(data) && Array.isArray(data.campaigns) && Array.isArray(data.profiles)
    ? { campaigns: data.campaigns as CampaignView[], profiles: data.profiles as TargetProfileView[] }
    : { campaigns: [], profiles: [] };
}

/** The campaign whose dashboard opens first (an LMS activity of that campaign), if any. */
function focusOf(data: unknown): string | undefined {
  return isRecord(data) && typeof data.focus === 'string' ? data.focus : undefined;
}

/**
 * Module-level (stable identity): focuses the editors' load failure once. Not kit/focus.ts: importing it here
 * would split it into a chunk of its own, shared with the pupil entry (one more request for both).
 */
function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}

/** The editors' screens are opened by the teacher: their title takes the focus (the button she pressed is gone). */
function EditorPage(props: PageProps) {
  return <Page {...props} focusTitle />;
}

/** A read-only field holding a code or a link, selected on focus: Moodle's frame grants no clipboard. */
function Copyable({ label, value, help }: { label: string; value: string; help: string }) {
  return (
    <label class="pix-copy">
      {label} <input readOnly value={value} onFocus={(e) => e.currentTarget.select()} aria-describedby="pix-copy-help" title={help} />
    </label>
  );
}

/**
 * The teacher space: her organizations' campaigns (create, archive, code and link to copy), and a campaign's
 * dashboard with the CSV export.
 */
export class Teacher extends Component<WidgetProps, TeacherState> {
  declare api: Request;
  declare t: Translator;
  /** The editor screens, once their chunk is there. */
  declare editors: Editors | undefined;
  declare loading: Promise<Editors> | undefined;

  constructor(props: WidgetProps) {
    super(props);
    this.api = createRequest(props.boot.apiBase, props.boot.token);
    this.t = createTranslator(props.boot.messages);
    this.state = { ...readData(props.boot.data), dashboard: null, error: null, busy: false, editor: null };
  }

  override componentDidMount(): void {
    const focus = this.state.campaigns.find((c) => c.id === focusOf(this.props.boot.data));
    if (focus) this.open(focus);
    // Fetched now that the first screen is up; awaited when an editor opens (a failure shows there).
    this.load().catch(() => undefined);
  }

  /** The editors' chunk, fetched once; after a failure the next call fetches it again. */
  load(): Promise<Editors> {
    return (this.loading ??= import('./editor/editors.ts').then(
      (editors) => (this.editors = editors),
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    ));
  }

  /** Opens an editor: at once when its chunk is there, else a loading state until it is (or its failure). */
  edit(editor: Editor): void {
    this.setState({ editor, editorsFailed: false });
    if (!this.editors) {
      this.load().then(
        () => this.forceUpdate(),
        () => this.setState({ editorsFailed: true }),
      );
    }
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

  create(event: Event): void {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    void this.act(async () => {
      const created = (await this.api.request('POST', 'campaigns', {
        type: 'ASSESSMENT',
        name: String(form.get('name') ?? ''),
        targetProfileId: String(form.get('profile') ?? ''),
        multipleSendings: form.get('multiple') === 'on',
        openToAnyone: form.get('open') === 'on',
      })) as CampaignView;
      this.setState(({ campaigns }) => ({ campaigns: [created, ...campaigns] }));
      (event.target as HTMLFormElement).reset();
    });
  }

  archive(campaign: CampaignView): void {
    void this.act(async () => {
      const updated = (await this.api.request('POST', `campaigns/${campaign.id}/${campaign.archivedAt ? 'unarchive' : 'archive'}`)) as CampaignView;
      this.setState(({ campaigns }) => ({ campaigns: campaigns.map((c) => (c.id === updated.id ? updated : c)) }));
    });
  }

  open(campaign: CampaignView): void {
    void this.act(async () => this.setState({ dashboard: (await this.api.request('GET', `campaigns/${campaign.id}/dashboard`)) as DashboardView }));
  }

  /** The CSV needs the Authorization header: fetched, then saved from a blob. */
  exportCsv(campaign: CampaignView): void {
    void this.act(async () => {
      const response = await fetch(`${this.props.boot.apiBase}/campaigns/${campaign.id}/export.csv`, { headers: { Authorization: `Bearer ${this.api.token() ?? ''}` } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'resultats.csv';
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await response.blob());
      link.download = name;
      link.click();
      URL.revokeObjectURL(link.href);
    });
  }

  renderEditor(editor: Editor, failed: boolean | undefined) {
    const t = this.t;
    const onClose = () => this.setState({ editor: null });
    const editors = this.editors;
    if (!editors) {
      return (
        <main class="pix-page" aria-busy={!failed}>
          {failed ? (
            // Focused like the pupil's failed-request alert: it is read out and keyboard users land on its buttons.
            <div class="pix-error" role="alert" tabIndex={-1} ref={focusOnMount}>
              <p>{t('editor.loadFailed')}</p>
              <button type="button" onClick={() => this.edit(editor)}>
                {t('editor.retry')}
              </button>{' '}
              <button type="button" onClick={onClose}>
                {t('editor.cancel')}
              </button>
            </div>
          ) : (
            <p role="status">{t('editor.loading')}</p>
          )}
        </main>
      );
    }
    const { ProfileBuilder, CampaignPreview, CampaignEditor } = editors;
    const props = { api: this.api, t, onClose, Page: EditorPage };
    if (editor.kind === 'build') return <ProfileBuilder {...props} onSaved={(p) => this.setState(({ profiles }) => ({ profiles: [...profiles, p], picked: p.id, editor: null }))} />;
    if (editor.kind === 'preview') return <CampaignPreview {...props} campaign={editor.campaign} />;
    return (
      <CampaignEditor
        {...props}
        campaign={editor.campaign}
        onSaved={(u) => this.setState(({ campaigns }) => ({ campaigns: campaigns.map((c) => (c.id === u.id ? u : c)), editor: null }))}
      />
    );
  }

  override render(_props: WidgetProps, { campaigns, profiles, dashboard, error, busy, editor, editorsFailed, picked }: TeacherState) {
    const t = this.t;
    if (editor) return this.renderEditor(editor, editorsFailed);
    const alert = error && (
      <p class="pix-error" role="alert">
        {error}
      </p>
    );
    if (dashboard) return this.renderDashboard(dashboard, alert);
    return (
      <Page title={t('teacher.title')}>
        {alert}
        {/* Describes the code and link fields: only there when they are. */}
        {campaigns.length > 0 ? (
          <p id="pix-copy-help" class="pix-muted">
            {t('teacher.copyHelp')}
          </p>
        ) : (
          <p>{t('teacher.none')}</p>
        )}
        <ul class="pix-campaigns">
          {campaigns.map((c) => (
            <li key={c.id}>
              <h2>
                {c.name} {c.archivedAt && <small>({t('teacher.archived')})</small>}
              </h2>
              <p class="pix-muted">
                {c.targetProfile.name} — {t('teacher.participants', { count: c.participantsCount, shared: c.sharedCount })}
              </p>
              <Copyable label={t('teacher.code')} value={c.code} help={t('teacher.copyHelp')} />
              <Copyable label={t('teacher.link')} value={c.joinUrl} help={t('teacher.copyHelp')} />
              <p>
                <button type="button" onClick={() => this.open(c)} disabled={busy}>
                  {t('teacher.dashboard')}
                </button>{' '}
                <button type="button" class="pix-btn2" onClick={() => this.archive(c)} disabled={busy}>
                  {c.archivedAt ? t('teacher.unarchive') : t('teacher.archive')}
                </button>{' '}
                <button type="button" class="pix-btn2" onClick={() => this.edit({ kind: 'edit', campaign: c })}>
                  {t('editor.editButton')}
                </button>{' '}
                {c.type === 'ASSESSMENT' && (
                  <button type="button" class="pix-btn2" onClick={() => this.edit({ kind: 'preview', campaign: c })}>
                    {t('editor.previewButton')}
                  </button>
                )}
              </p>
            </li>
          ))}
        </ul>
        <form onSubmit={(e) => this.create(e)}>
          <h2>{t('teacher.new')}</h2>
          <p>
            <label>
              {t('teacher.name')} <input name="name" required maxLength={255} />
            </label>
          </p>
          <p>
            <label>
              {t('teacher.profile')}{' '}
              <select name="profile" required>
                {profiles.map((p) => (
                  <option key={p.id} value={p.id} selected={p.id === picked}>
                    {p.name} ({p.skillCount})
                  </option>
                ))}
              </select>
            </label>{' '}
            <button type="button" class="pix-btn2" onClick={() => this.edit({ kind: 'build' })}>
              {t('editor.newProfile')}
            </button>
          </p>
          <p>
            <label>
              <input type="checkbox" name="multiple" /> {t('teacher.multiple')}
            </label>
          </p>
          <p>
            <label>
              <input type="checkbox" name="open" /> {t('teacher.open')}
            </label>
          </p>
          <button type="submit" disabled={busy}>
            {t('teacher.create')}
          </button>
        </form>
      </Page>
    );
  }

  renderDashboard(d: DashboardView, alert: unknown) {
    const t = this.t;
    const percent = (value: number | null) => (value === null ? '—' : `${value} %`);
    return (
      <Page title={d.campaign.name}>
        {alert}
        <p>
          <button type="button" class="pix-btn2" onClick={() => this.setState({ dashboard: null })}>
            {t('teacher.back')}
          </button>{' '}
          <button type="button" onClick={() => this.exportCsv(d.campaign)}>
            {t('teacher.export')}
          </button>
        </p>
        <p>
          {t('teacher.status.STARTED')} : {d.counts.STARTED} · {t('teacher.status.TO_SHARE')} : {d.counts.TO_SHARE} · {t('teacher.status.SHARED')} : {d.counts.SHARED}
        </p>
        <h2>{t('teacher.competences')}</h2>
        <ul class="pix-bars">
          {d.competences.map((c) => (
            <li key={c.index}>
              {c.index} {c.name} <meter min={0} max={100} value={c.masteryPercent ?? 0} /> {percent(c.masteryPercent)}
            </li>
          ))}
        </ul>
        {d.weakestTubes.length > 0 && <h2>{t('teacher.weakest')}</h2>}
        <ul>
          {d.weakestTubes.map((tube) => (
            <li key={tube.tubeName}>
              {tube.title} ({percent(tube.masteryPercent)})
              {tube.tutorials.map((tu) => (
                <>
                  {' '}
                  <a href={new URL(tu.url, this.props.boot.apiBase).href} target="_blank" rel="noopener">
                    {tu.title}
                  </a>
                </>
              ))}
            </li>
          ))}
        </ul>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('teacher.pupil')}</th>
              <th scope="col">{t('teacher.class')}</th>
              <th scope="col">{t('teacher.status')}</th>
              <th scope="col">{t('teacher.progress')}</th>
              <th scope="col">{t('teacher.mastery')}</th>
            </tr>
          </thead>
          <tbody>
            {d.participants.map((p) => (
              <tr key={p.participationId}>
                <th scope="row">
                  {p.lastName} {p.firstName}
                </th>
                <td>{p.className ?? ''}</td>
                <td>{t(`teacher.status.${p.status}`)}</td>
                <td>{p.progressPercent} %</td>
                <td>{percent(p.masteryPercent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <LazyGradeSync key={d.campaign.id} api={this.api} t={t} locale={this.props.boot.locale} campaignId={d.campaign.id} />
      </Page>
    );
  }
}
