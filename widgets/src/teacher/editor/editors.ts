// The teacher's editor screens, in their own chunk: fetched once the campaign list is up (the entry stays within
// its size budget) and awaited when an editor opens (Teacher.tsx). Nothing here imports from the entry (a chunk
// importing back from its entry makes the bundler wrap the entry, which grows it) nor from the kit (Page comes
// through the props): either would cost every widget bytes or a request.
export { CampaignEditor } from './CampaignEditor.tsx';
export { CampaignPreview } from './CampaignPreview.tsx';
export { ProfileBuilder } from './ProfileBuilder.tsx';
