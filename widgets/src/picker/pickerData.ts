// boot.data of the picker widget, built by the server (tool/src/lti/application/usecases/start-deep-linking.ts).
import { isRecord } from '../kit/guards.ts';

export interface PickerData {
  /** Where the choice is posted (a plain form POST: the answer page auto-posts to the platform). */
  action: string;
  /** Signed deep-linking context, posted back as is. */
  context: string;
  acceptMultiple: boolean;
  areas: Array<{ code: string; name: string; competences: Array<{ index: string; name: string }> }>;
  campaigns: Array<{ code: string; name: string }>;
}

/** Checks the fields the form needs; names are the server's, already localised. */
export function readPickerData(data: unknown): PickerData | null {
  if (!isRecord(data) || typeof data.action !== 'string' || typeof data.context !== 'string' || !Array.isArray(data.areas)) return null;
  return {
    action: data.action,
    context: data.context,
    acceptMultiple: data.acceptMultiple === true,
    areas: data.areas as PickerData['areas'],
    campaigns: Array.isArray(data.campaigns) ? (data.campaigns as PickerData['campaigns']) : [],
  };
}
