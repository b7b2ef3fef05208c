import { afterEach, describe, expect, it, vi } from 'vitest';
import { isFramed, postFrameHeight, startFrameResize, type FrameHost } from '../../widgets/src/kit/resize.ts';

/** A ResizeObserver the test can fire by hand (happy-dom does no layout). */
class FakeResizeObserver {
  static instances: FakeResizeObserver[] = [];
  readonly observed: Element[] = [];
  constructor(readonly callback: () => void) {
    FakeResizeObserver.instances.push(this);
  }
  observe(element: Element): void {
    this.observed.push(element);
  }
  disconnect(): void {}
  fire(): void {
    this.callback();
  }
}

/** An element whose rendered height the test sets. */
function contentOfHeight(initial: number): { element: HTMLElement; setHeight(height: number): void } {
  let height = initial;
  const element = document.createElement('div');
  vi.spyOn(element, 'getBoundingClientRect').mockImplementation(() => new DOMRect(0, 0, 320, height));
  return { element, setHeight: (next) => (height = next) };
}

/** A framed window: the parent is a spy; animation frames run when the test flushes them. */
function framedHost() {
  const frames: FrameRequestCallback[] = [];
  const host: FrameHost = {
    parent: { postMessage: vi.fn() },
    requestAnimationFrame: (callback) => frames.push(callback),
    cancelAnimationFrame: () => undefined,
  };
  const flush = () => frames.splice(0).forEach((callback) => callback(0));
  return { host, flush, postMessage: host.parent.postMessage };
}

const bothForms = (height: number) => [
  [JSON.stringify({ subject: 'lti.frameResize', height }), '*'],
  [{ subject: 'org.imsglobal.lti.frameResize', height }, '*'],
];

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  FakeResizeObserver.instances = [];
});

describe('frame resize messages', () => {
  it('posts the Canvas string form and the IMS object form to the parent', () => {
    const parent = { postMessage: vi.fn() };
    postFrameHeight(parent, 480);
    expect(parent.postMessage.mock.calls).toEqual(bothForms(480));
  });

  it('posts both forms when framed, again on a height change, once per animation frame', () => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    const { element, setHeight } = contentOfHeight(600.4);
    const { host, flush, postMessage } = framedHost();

    const resizer = startFrameResize(element, host);
    expect(resizer).not.toBeNull();
    expect(FakeResizeObserver.instances[0]?.observed).toEqual([element]);
    flush();
    expect(vi.mocked(postMessage).mock.calls).toEqual(bothForms(601));

    // Several observations in one frame → one measurement; same integer height → no message.
    vi.mocked(postMessage).mockClear();
    setHeight(600.9);
    FakeResizeObserver.instances[0]?.fire();
    flush();
    expect(postMessage).not.toHaveBeenCalled();

    setHeight(812);
    FakeResizeObserver.instances[0]?.fire();
    resizer?.check();
    flush();
    expect(vi.mocked(postMessage).mock.calls).toEqual(bothForms(812));

    setHeight(300);
    resizer?.check();
    flush();
    expect(vi.mocked(postMessage).mock.calls.slice(2)).toEqual(bothForms(300));
  });

  it('works with the real window when its parent is another window', () => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    const parent = { postMessage: vi.fn() };
    vi.spyOn(window, 'parent', 'get').mockReturnValue(parent as unknown as Window);
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => {
      callback(0);
      return 1;
    });
    const { element } = contentOfHeight(240);

    expect(isFramed()).toBe(true);
    startFrameResize(element);
    expect(parent.postMessage.mock.calls).toEqual(bothForms(240));
  });

  it('posts nothing when the page is not framed', () => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    const postMessage = vi.spyOn(window, 'postMessage');
    const { element } = contentOfHeight(240);

    expect(isFramed()).toBe(false);
    expect(startFrameResize(element)).toBeNull();
    expect(FakeResizeObserver.instances).toHaveLength(0);
    expect(postMessage).not.toHaveBeenCalled();
  });
});
