// Bundle entry of the pupil's campaign page: join by code, campaign results, "Envoyer mes résultats".
import { startWidget } from '../kit/mount.tsx';
import { Campaign } from './Campaign.tsx';

startWidget('campaign', Campaign);
