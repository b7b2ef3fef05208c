import { Component, type ComponentType } from 'preact';
import type { TargetProfileView, TubeChoiceView } from '../../../../tool/src/shared/api-contract/campaigns.ts';
import type { Request } from '../../campaign/request.ts';
import type { PageProps } from '../../kit/components/Page.tsx';
import type { Translator } from '../../kit/messages.ts';
import { FormEnd } from './FormEnd.tsx';

export interface EditorProps {
  api: Request;
  t: Translator;
  onClose: () => void;
  /**
   * The kit's Page, handed over by the entry: the editors' lazy chunk imports nothing from the kit, else the
   * bundler splits the chunk every widget shares in two (one more request for each widget).
   */
  Page: ComponentType<PageProps>;
}

interface BuilderState {
  competences: TubeChoiceView[];
  /** Tube name → maximum level picked (absent: not in the profile). */
  levels: Record<string, number>;
  error: string;
  busy: boolean;
}

/**
 * Custom target profile: the teacher picks tubes (sujets) by area and competence, each up to a maximum level,
 * names the profile and saves it. One labelled select per tube ("not included" or a level): keyboard-only use
 * needs no extra widget, and each competence folds in a <details> so the 16 competences stay readable.
 */
export class ProfileBuilder extends Component<EditorProps & { onSaved: (profile: TargetProfileView) => void }, BuilderState> {
  constructor(props: EditorProps & { onSaved: (profile: TargetProfileView) => void }) {
    super(props);
    this.state = { competences: [], levels: {}, error: '', busy: true };
  }

  override componentDidMount(): void {
    this.props.api
      .request('GET', 'target-profiles/tubes')
      .then((body) => this.setState({ competences: (body as { competences: TubeChoiceView[] }).competences, busy: false }))
      .catch((e: Error) => this.setState({ error: e.message, busy: false }));
  }

  save(event: Event): void {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget as HTMLFormElement).get('name') ?? '');
    const tubes = Object.entries(this.state.levels).map(([tubeName, level]) => ({ tubeName, level }));
    if (!tubes.length) return this.setState({ error: this.props.t('editor.noTube') });
    this.setState({ busy: true, error: '' });
    this.props.api
      .request('POST', 'target-profiles', { name, tubes })
      .then((profile) => this.props.onSaved(profile as TargetProfileView))
      .catch((e: Error) => this.setState({ error: e.message, busy: false }));
  }

  pick(tube: string, level: number): void {
    this.setState(({ levels }) => {
      const next = { ...levels };
      if (level > 0) next[tube] = level;
      else delete next[tube];
      return { levels: next, error: '' };
    });
  }

  override render() {
    const { t, onClose, Page } = this.props;
    const { competences, levels, error, busy } = this.state;
    const areas: Array<[string, TubeChoiceView[]]> = [];
    for (const c of competences) {
      const last = areas.at(-1);
      if (last?.[0] === c.areaCode) last[1].push(c);
      else areas.push([c.areaCode, [c]]);
    }
    return (
      <Page title={t('editor.build')}>
        <form onSubmit={(e) => this.save(e)}>
          <p>
            <label>
              {t('editor.profileName')} <input name="name" required maxLength={255} />
            </label>
          </p>
          {areas.map(([code, list]) => (
            <fieldset key={code}>
              <legend>{t('picker.area', { code, name: list[0]!.areaName })}</legend>
              {list.map((c) => (
                <details key={c.competenceIndex}>
                  <summary>
                    {c.competenceIndex} {c.competenceName} ({c.tubes.filter((tube) => levels[tube.name]).length})
                  </summary>
                  <ul class="pix-choices">
                    {c.tubes.map((tube) => (
                      <li key={tube.name}>
                        <label>
                          {tube.title}{' '}
                          <select value={levels[tube.name] ?? 0} onChange={(e) => this.pick(tube.name, Number(e.currentTarget.value))}>
                            <option value={0}>{t('editor.notIncluded')}</option>
                            {Array.from({ length: tube.maxLevel }, (_, i) => (
                              <option key={i} value={i + 1}>
                                {t('editor.upTo', { level: i + 1 })}
                              </option>
                            ))}
                          </select>
                        </label>
                      </li>
                    ))}
                  </ul>
                </details>
              ))}
            </fieldset>
          ))}
          <p aria-live="polite">{t('editor.picked', { count: Object.keys(levels).length })}</p>
          <FormEnd t={t} error={error} busy={busy} saveLabel={t('editor.saveProfile')} onClose={onClose} />
        </form>
      </Page>
    );
  }
}
