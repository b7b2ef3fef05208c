// Bundle entry of the deep-linking picker: /assets/picker-<hash>.js, in the LMS activity chooser's frame.
import { startWidget } from '../kit/mount.tsx';
import { Picker } from './Picker.tsx';

startWidget('picker', Picker);
