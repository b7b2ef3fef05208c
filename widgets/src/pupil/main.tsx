// Bundle entry of the pupil widget: /assets/pupil-<hash>.js in an LTI frame, or <pix-pupil> in an ENT page.
import { startWidget } from '../kit/mount.tsx';
import { Pupil } from './Pupil.tsx';

startWidget('pupil', Pupil);
