import { Component, type ComponentType } from 'preact';
import type { GradeSyncPanelProps } from './GradeSyncPanel.tsx';

/**
 * The grade-sync panel, fetched as its own chunk when a dashboard opens: the teacher entry stays within its size
 * budget and the campaign list does not wait for it.
 */
export class LazyGradeSync extends Component<GradeSyncPanelProps, { Panel: ComponentType<GradeSyncPanelProps> | null }> {
  // State set in the constructor, not as a class field: a field compiles to a defineProperty helper (~0.4 kB gz
  // in the teacher entry).
  constructor(props: GradeSyncPanelProps) {
    super(props);
    this.state = { Panel: null };
  }

  override componentDidMount(): void {
    void import('./GradeSyncPanel.tsx').then((module) => this.setState({ Panel: module.GradeSyncPanel }));
  }

  override render(props: GradeSyncPanelProps) {
    const { Panel } = this.state;
    return Panel ? <Panel {...props} /> : null;
  }
}
