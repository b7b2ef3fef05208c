import { Component } from 'preact';
import type { CampaignView, TargetProfileView } from '../../../tool/src/shared/api-contract/campaigns.ts';
import type { Translator } from '../kit/messages.ts';

interface CreateProps {
  t: Translator;
  apiBase: string;
  token: string | undefined;
  /** Called with the new campaign's code: the picker returns it to the platform as the choice. */
  onCreated: (code: string) => void;
}

interface CreateState {
  /** Null until the form is opened (the profiles are fetched then). */
  profiles: TargetProfileView[] | null;
  error: string;
  busy: boolean;
}

/**
 * "Créer un parcours ici": name + target profile (catalogue or the school's custom ones), created through the
 * campaigns API with the picker's session token. A plain fetch: sharing the teacher widget's client would split
 * it into a chunk of its own.
 */
export class CreateCampaign extends Component<CreateProps, CreateState> {
  constructor(props: CreateProps) {
    super(props);
    this.state = { profiles: null, error: '', busy: false };
  }

  async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.props.token ?? ''}`, 'Content-Type': 'application/json' };
    const response = await fetch(`${this.props.apiBase}/${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
    const json = (await response.json()) as { error?: { message?: string } };
    if (!response.ok) throw new Error(json.error?.message ?? `HTTP ${response.status}`);
    return json;
  }

  run(work: () => Promise<void>): void {
    this.setState({ busy: true, error: '' });
    work().catch((e: Error) => this.setState({ busy: false, error: e.message }));
  }

  open(): void {
    this.run(async () => this.setState({ profiles: ((await this.call('GET', 'target-profiles')) as { profiles: TargetProfileView[] }).profiles, busy: false }));
  }

  create(event: Event): void {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    this.run(async () => {
      const created = (await this.call('POST', 'campaigns', { type: 'ASSESSMENT', name: String(form.get('name') ?? ''), targetProfileId: String(form.get('profile') ?? '') })) as CampaignView;
      this.props.onCreated(created.code);
    });
  }

  override render({ t }: CreateProps, { profiles, error, busy }: CreateState) {
    return (
      <section aria-labelledby="pix-create">
        <h2 id="pix-create">{t('picker.create')}</h2>
        {profiles === null ? (
          <button type="button" onClick={() => this.open()} disabled={busy} aria-expanded="false">
            {t('picker.create')}
          </button>
        ) : (
          <form onSubmit={(e) => this.create(e)}>
            <p>
              <label>
                {t('picker.createName')} <input name="name" required maxLength={255} />
              </label>
            </p>
            <p>
              <label>
                {t('picker.createProfile')}{' '}
                <select name="profile" required>
                  {profiles.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} ({p.skillCount})
                    </option>
                  ))}
                </select>
              </label>
            </p>
            <button type="submit" class="pix-primary" disabled={busy}>
              {t('picker.createSubmit')}
            </button>
          </form>
        )}
        {error && (
          <p class="pix-error" role="alert">
            {error}
          </p>
        )}
      </section>
    );
  }
}
