import { Component } from 'preact';
import type { CampaignView, StageView } from '../../../../tool/src/shared/api-contract/campaigns.ts';
import type { EditorProps } from './ProfileBuilder.tsx';
import { FormEnd } from './FormEnd.tsx';

interface EditState {
  stages: StageView[];
  error: string;
  busy: boolean;
}

/**
 * Edits a campaign (PATCH /campaigns/:id): name, title, landing text, external-id label, multiple sendings
 * (locked by the server once someone joined) and stages. The target profile and its skills stay frozen.
 */
export class CampaignEditor extends Component<EditorProps & { campaign: CampaignView; onSaved: (campaign: CampaignView) => void }, EditState> {
  constructor(props: EditorProps & { campaign: CampaignView; onSaved: (campaign: CampaignView) => void }) {
    super(props);
    this.state = { stages: props.campaign.stages, error: '', busy: false };
  }

  save(event: Event): void {
    event.preventDefault();
    const { campaign, api } = this.props;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '');
    const body: Record<string, unknown> = { name: text('name'), landingText: text('landingText'), externalIdLabel: text('externalIdLabel') };
    if (campaign.participantsCount === 0) body.multipleSendings = form.get('multiple') === 'on';
    if (campaign.type === 'ASSESSMENT') Object.assign(body, { title: text('title'), stages: this.state.stages, gradePerCompetence: form.get('perCompetence') === 'on' });
    this.setState({ busy: true, error: '' });
    api
      .request('PATCH', `campaigns/${campaign.id}`, body)
      .then((updated) => this.props.onSaved(updated as CampaignView))
      .catch((e: Error) => this.setState({ error: e.message, busy: false }));
  }

  stage(i: number, change: Partial<StageView> | null): void {
    this.setState(({ stages }) => ({ stages: change ? stages.map((s, j) => (j === i ? { ...s, ...change } : s)) : stages.filter((_, j) => j !== i) }));
  }

  override render() {
    const { t, campaign: c, onClose, Page } = this.props;
    const { stages, error, busy } = this.state;
    const field = (name: keyof CampaignView & string, label: string, value: string | null) => (
      <p>
        <label>
          {label} <input name={name} defaultValue={value ?? ''} maxLength={255} required={name === 'name'} />
        </label>
      </p>
    );
    return (
      <Page title={t('editor.edit', { name: c.name })}>
        <form onSubmit={(e) => this.save(e)}>
          {field('name', t('teacher.name'), c.name)}
          {c.type === 'ASSESSMENT' && field('title', t('editor.campaignTitle'), c.title)}
          <p>
            <label>
              {t('editor.landingText')} <textarea name="landingText" defaultValue={c.landingText ?? ''} maxLength={5000} rows={3} />
            </label>
          </p>
          {field('externalIdLabel', t('editor.externalIdLabel'), c.externalIdLabel)}
          <p>
            <label>
              <input type="checkbox" name="multiple" defaultChecked={c.multipleSendings} disabled={c.participantsCount > 0} aria-describedby="pix-multiple-help" />{' '}
              {t('teacher.multiple')}
            </label>
            {c.participantsCount > 0 && (
              <small id="pix-multiple-help" class="pix-muted">
                {' '}
                {t('editor.multipleLocked')}
              </small>
            )}
          </p>
          {c.type === 'ASSESSMENT' && (
            <p>
              <label>
                <input type="checkbox" name="perCompetence" defaultChecked={c.gradePerCompetence} aria-describedby="pix-columns-help" /> {t('editor.perCompetence')}
              </label>
              <small id="pix-columns-help" class="pix-muted">
                {' '}
                {t('editor.perCompetenceHelp')}
              </small>
            </p>
          )}
          {c.type === 'ASSESSMENT' && (
            <fieldset>
              <legend>{t('editor.stages')}</legend>
              <ol>
                {stages.map((s, i) => (
                  <li key={i}>
                    <label>
                      {t('editor.threshold')}{' '}
                      <input type="number" min={0} max={100} required value={s.threshold} onInput={(e) => this.stage(i, { threshold: Number(e.currentTarget.value) })} />
                    </label>{' '}
                    <label>
                      {t('editor.stageTitle')} <input required maxLength={200} value={s.title} onInput={(e) => this.stage(i, { title: e.currentTarget.value })} />
                    </label>{' '}
                    <label>
                      {t('editor.stageMessage')} <input maxLength={2000} value={s.message} onInput={(e) => this.stage(i, { message: e.currentTarget.value })} />
                    </label>{' '}
                    <button type="button" onClick={() => this.stage(i, null)}>
                      {t('editor.removeStage', { n: i + 1 })}
                    </button>
                  </li>
                ))}
              </ol>
              <button type="button" onClick={() => this.setState({ stages: [...stages, { threshold: stages.length ? Math.min(100, (stages.at(-1)?.threshold ?? 0) + 10) : 0, title: '', message: '' }] })}>
                {t('editor.addStage')}
              </button>
            </fieldset>
          )}
          <FormEnd t={t} error={error} busy={busy} saveLabel={t('editor.save')} onClose={onClose} />
        </form>
      </Page>
    );
  }
}
