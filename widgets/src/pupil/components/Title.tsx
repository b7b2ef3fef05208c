import type { ComponentChildren } from 'preact';
import { focusOnMount } from '../../kit/focus.ts';

/**
 * A heading that can take focus (tabindex=-1): on a new screen or question, focus moves there so
 * screen-reader users start reading at the new content.
 */
export function Title({ h2, focus, children }: { h2?: boolean; focus?: boolean | undefined; children: ComponentChildren }) {
  const Heading = h2 ? 'h2' : 'h1';
  return (
    <Heading tabIndex={-1} ref={focus ? focusOnMount : undefined}>
      {children}
    </Heading>
  );
}
