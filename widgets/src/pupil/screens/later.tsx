// What comes after the first screen, in its own chunk: fetched once the first screen is up (the entry stays
// small) and awaited where needed. Nothing here imports from the entry (its helpers come through `app`): a
// chunk importing back from the entry makes the bundler wrap the entry, which grows it.
export { CheckpointScreen } from './CheckpointScreen.tsx';
export { ResultsScreen } from './ResultsScreen.tsx';
export { ResetConfirm, withCard } from '../components/ResetConfirm.tsx';
export { postToTool } from '../postToTool.ts';
