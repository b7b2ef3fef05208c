import type { ComponentChildren } from 'preact';

export interface PageProps {
  /** Text of the one h1 of the screen. */
  title: string;
  children?: ComponentChildren;
}

/** A widget screen: the <main> landmark and its h1 (each widget is the main content of its frame). */
export function Page({ title, children }: PageProps) {
  return (
    <main class="pix-page">
      <h1>{title}</h1>
      {children}
    </main>
  );
}
