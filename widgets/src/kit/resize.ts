// Asks the LMS to fit the iframe to the content (Canvas, Brightspace…). Moodle ignores these
// messages: there the page scrolls inside its fixed-height frame (see base.css).

/** Whatever can receive a postMessage: the parent window, or a spy in tests. */
export interface MessageTarget {
  postMessage(message: unknown, targetOrigin: string): void;
}

/** The part of `window` the resizer uses, so tests can pass a fake framed window. */
export interface FrameHost {
  parent: MessageTarget;
  requestAnimationFrame(callback: FrameRequestCallback): number;
  cancelAnimationFrame(handle: number): void;
}

export interface FrameResizer {
  /** Schedules a measurement on the next animation frame (several calls → one measurement). */
  check(): void;
  stop(): void;
}

/** True when the page runs inside a frame. */
export function isFramed(host: FrameHost = window): boolean {
  const parent: unknown = host.parent;
  return parent !== host;
}

/**
 * Posts the height in both forms LMSs listen to: Canvas's, as a JSON string (some parents only parse
 * strings), and the IMS one, as an object. '*': the LMS origin is not known to the widget, and a
 * height is not a secret.
 */
export function postFrameHeight(target: MessageTarget, height: number): void {
  target.postMessage(JSON.stringify({ subject: 'lti.frameResize', height }), '*');
  target.postMessage({ subject: 'org.imsglobal.lti.frameResize', height }, '*');
}

/**
 * Watches `content` (an element of natural height, not the 100%-high scroller around it, so the
 * height can also shrink) and posts its height to the parent whenever the integer value changes.
 * Returns null when the page is not framed.
 */
export function startFrameResize(content: Element, host: FrameHost = window): FrameResizer | null {
  if (!isFramed(host)) return null;
  let lastHeight = -1;
  let frame = 0;

  const measure = (): void => {
    frame = 0;
    const height = Math.ceil(content.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    postFrameHeight(host.parent, height);
  };
  const check = (): void => {
    if (frame === 0) frame = host.requestAnimationFrame(measure);
  };

  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(check) : null;
  observer?.observe(content);
  check();

  return {
    check,
    stop() {
      observer?.disconnect();
      if (frame !== 0) host.cancelAnimationFrame(frame);
      frame = 0;
    },
  };
}
