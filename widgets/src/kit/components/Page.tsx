import type { ComponentChildren } from 'preact';

export interface PageProps {
  /** Text of the one h1 of the screen. */
  title: string;
  children?: ComponentChildren;
  /** A screen opened by the user inside the widget: its title takes the focus (never on the first screen, which
   * would scroll the platform's page to the frame). */
  focusTitle?: boolean;
}

/** Module-level (stable identity): re-renders do not steal the focus again. */
function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}

/** A widget screen: the <main> landmark and its h1 (each widget is the main content of its frame). */
export function Page({ title, children, focusTitle }: PageProps) {
  return (
    <main class="pix-page">
      {focusTitle ? (
        <h1 tabIndex={-1} ref={focusOnMount}>
          {title}
        </h1>
      ) : (
        <h1>{title}</h1>
      )}
      {children}
    </main>
  );
}
