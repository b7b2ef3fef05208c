// Bundle entry of the teacher space: campaigns, target profiles, dashboard, CSV export.
import { startWidget } from '../kit/mount.tsx';
import { Teacher } from './Teacher.tsx';

startWidget('teacher', Teacher);
