import { Component } from 'preact';
import type { GradeSyncView, NotStartedView } from '../../../../tool/src/shared/api-contract/campaigns.ts';
import type { Request } from '../../campaign/request.ts';
import type { Translator } from '../../kit/messages.ts';

export interface GradeSyncPanelProps {
  api: Request;
  t: Translator;
  locale: string;
  campaignId: string;
}

interface GradeSyncPanelState {
  sync: GradeSyncView | null;
  notStarted: NotStartedView | null;
  error: string | null;
  /** Participation being resent: its button is disabled meanwhile. */
  resending: string | null;
  /** Last outcome, read out by the live region. */
  status: string;
}

type Row = GradeSyncView['participations'][number];

/**
 * The campaign dashboard's LMS part: each pupil's grade in the gradebook (pending, sent, or failed with the
 * platform's answer) with "Renvoyer", the notice when per-competence columns cannot be created, and the course
 * members who have not started. Loaded after the dashboard, so a slow LMS never delays it.
 */
export class GradeSyncPanel extends Component<GradeSyncPanelProps, GradeSyncPanelState> {
  constructor(props: GradeSyncPanelProps) {
    super(props);
    this.state = { sync: null, notStarted: null, error: null, resending: null, status: '' };
  }

  override componentDidMount(): void {
    void this.load();
  }

  async load(): Promise<void> {
    const { api, campaignId } = this.props;
    const [sync, notStarted] = await Promise.allSettled([api.request('GET', `campaigns/${campaignId}/grade-sync`), api.request('GET', `campaigns/${campaignId}/not-started`)]);
    this.setState({
      sync: sync.status === 'fulfilled' ? (sync.value as GradeSyncView) : this.state.sync,
      notStarted: notStarted.status === 'fulfilled' ? (notStarted.value as NotStartedView) : null,
      error: sync.status === 'rejected' ? String(sync.reason instanceof Error ? sync.reason.message : sync.reason) : null,
    });
  }

  async resend(row: Row, name: string): Promise<void> {
    this.setState({ resending: row.participationId, error: null, status: '' });
    try {
      await this.props.api.request('POST', `campaigns/${this.props.campaignId}/participations/${row.participationId}/grade-sync`);
      this.setState({ status: this.props.t('gradeSync.resent', { name }) });
      await this.load();
    } catch (error) {
      this.setState({ error: error instanceof Error ? error.message : String(error) });
    } finally {
      this.setState({ resending: null });
    }
  }

  stateText(row: Row): string {
    const { t, locale } = this.props;
    if (row.state === 'sent') return t('gradeSync.sent', { date: row.sentAt ? new Date(row.sentAt).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' }) : '' });
    return t(`gradeSync.${row.state}`);
  }

  override render({ t }: GradeSyncPanelProps, { sync, notStarted, error, resending, status }: GradeSyncPanelState) {
    return (
      <section aria-labelledby="pix-grade-sync">
        <h2 id="pix-grade-sync">{t('gradeSync.title')}</h2>
        <p role="status" class="pix-muted">
          {status}
        </p>
        {error && (
          <p class="pix-error" role="alert">
            {error}
          </p>
        )}
        {!sync ? (
          !error && <p>{t('gradeSync.loading')}</p>
        ) : !sync.linked ? (
          <p class="pix-muted">{t('gradeSync.unlinked')}</p>
        ) : (
          <>
            {sync.notice && (
              <p class="pix-notice">
                <strong>{t('gradeSync.noticeTitle')}</strong> {t(`gradeSync.notice.${sync.notice}`)}
              </p>
            )}
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('teacher.pupil')}</th>
                  <th scope="col">{t('gradeSync.state')}</th>
                  <th scope="col">{t('gradeSync.action')}</th>
                </tr>
              </thead>
              <tbody>
                {sync.participations.map((row) => {
                  const name = `${row.firstName} ${row.lastName}`.trim();
                  return (
                    <tr key={row.participationId}>
                      <th scope="row">
                        {row.lastName} {row.firstName}
                      </th>
                      <td>
                        {this.stateText(row)}
                        {row.error && (
                          <>
                            <br />
                            <small>{t('gradeSync.platformSaid', { message: row.error })}</small>
                          </>
                        )}
                      </td>
                      <td>
                        {(row.state === 'failed' || row.state === 'sent') && (
                          <button type="button" aria-label={t('gradeSync.resendFor', { name })} disabled={resending === row.participationId} onClick={() => void this.resend(row, name)}>
                            {t('gradeSync.resend')}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )}
        {notStarted && notStarted.courses.length > 0 && (
          <>
            <h2>{t('gradeSync.notStarted')}</h2>
            {notStarted.courses.map((course, i) => (
              <div key={i}>
                <h3>{course.activity}</h3>
                {!course.rosterAvailable ? (
                  <p class="pix-muted">{t('gradeSync.rosterUnavailable')}</p>
                ) : course.learners.length === 0 ? (
                  <p>{t('gradeSync.allStarted')}</p>
                ) : (
                  <ul>
                    {course.learners.map((learner, j) => (
                      <li key={j}>{learner.name}</li>
                    ))}
                  </ul>
                )}
              </div>
            ))}
          </>
        )}
      </section>
    );
  }
}
