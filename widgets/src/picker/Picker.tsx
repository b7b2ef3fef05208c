import { Component } from 'preact';
import { BootErrorView } from '../kit/components/BootErrorView.tsx';
import { Page } from '../kit/components/Page.tsx';
import { createTranslator, type Translator } from '../kit/messages.ts';
import type { WidgetProps } from '../kit/mount.tsx';
import { CreateCampaign } from './CreateCampaign.tsx';
import { readPickerData, type PickerData } from './pickerData.ts';
import './picker.css';

interface PickerState {
  /** The "choose at least one" message is shown. */
  empty: boolean;
  sending: boolean;
}

/**
 * Deep-linking picker: a teacher chooses a competence evaluation (or a campaign) in the LMS activity chooser.
 * A plain form: the server answers with a page that auto-posts the signed response to the platform.
 * Radios when the platform accepts one item, checkboxes when it accepts several.
 */
export class Picker extends Component<WidgetProps, PickerState> {
  declare data: PickerData | null;
  /** Synchronous guard against a double submit (a second click can come before the re-render). */
  declare sent: boolean;

  constructor(props: WidgetProps) {
    super(props);
    this.data = readPickerData(props.boot.data);
    this.sent = false;
    this.state = { empty: false, sending: false };
  }

  submit = (event: Event): void => {
    const form = event.currentTarget as HTMLFormElement;
    if (!form.querySelector('input[name="choice"]:checked')) {
      event.preventDefault();
      this.setState({ empty: true });
      (form.querySelector('input[name="choice"]') as HTMLInputElement | null)?.focus();
      return;
    }
    if (this.sent) {
      event.preventDefault();
      return;
    }
    this.sent = true;
    this.setState({ empty: false, sending: true });
  };

  /** A campaign just created here goes back to the platform at once, as the only choice of this flow. */
  created = (code: string): void => {
    const data = this.data;
    if (!data || this.sent) return;
    this.sent = true;
    this.setState({ sending: true });
    const form = document.createElement('form');
    form.method = 'post';
    form.action = data.action;
    for (const [name, value] of [['context', data.context], ['choice', `campaign:${code}`]] as const) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  };

  override render({ boot }: WidgetProps, { empty, sending }: PickerState) {
    const data = this.data;
    if (!data) return <BootErrorView error={{ code: 'BOOT_SHAPE_INVALID', detail: 'data', locale: boot.locale }} />;
    const t: Translator = createTranslator(boot.messages);
    const type = data.acceptMultiple ? 'checkbox' : 'radio';
    const option = (value: string, label: string) => (
      <li key={value}>
        <label>
          <input type={type} name="choice" value={value} required={type === 'radio'} onChange={() => this.setState({ empty: false })} /> {label}
        </label>
      </li>
    );
    return (
      <Page title={t('picker.title')}>
        <p>{t('picker.intro')}</p>
        <form method="post" action={data.action} onSubmit={this.submit} noValidate={type === 'checkbox'}>
          <input type="hidden" name="context" value={data.context} />
          {data.campaigns.length > 0 && (
            <fieldset>
              <legend>{t('picker.campaigns')}</legend>
              <ul class="pix-choices">{data.campaigns.map((c) => option(`campaign:${c.code}`, `${c.name} (${c.code})`))}</ul>
            </fieldset>
          )}
          <h2>{t('picker.competences')}</h2>
          <p class="pix-muted">{t('picker.competencesHelp')}</p>
          {data.areas.map((area) => (
            <fieldset key={area.code}>
              <legend>{t('picker.area', { code: area.code, name: area.name })}</legend>
              <ul class="pix-choices">{area.competences.map((c) => option(`competence:${c.index}`, `${c.index} ${c.name}`))}</ul>
            </fieldset>
          ))}
          {empty && (
            <p class="pix-error" role="alert">
              {t('picker.none')}
            </p>
          )}
          <button type="submit" class="pix-primary" aria-disabled={sending}>
            {sending ? t('picker.sending') : t(data.acceptMultiple ? 'picker.submitMany' : 'picker.submit')}
          </button>
        </form>
        <CreateCampaign t={t} apiBase={boot.apiBase} token={boot.token} onCreated={this.created} />
      </Page>
    );
  }
}
