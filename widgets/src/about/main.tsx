// Bundle entry of the "about" widget: /assets/about-<hash>.js, or <pix-about> in an ENT page.
import { startWidget } from '../kit/mount.tsx';
import { About } from './About.tsx';

startWidget('about', About);
