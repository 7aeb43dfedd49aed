// A scan visits as a person does, so that pages that wait for one (crawler-shy pages, and pages
// that look for automation) show what they do to visitors. What is done is returned for the
// capture's `visit` (CAPTURE.md) and said in the report.
//
//   - The browser does not announce automation (browser.mjs): navigator.webdriver is false and the
//     user agent is a desktop Chrome's, not "HeadlessChrome".
//   - After the load: the pointer moves through several places of the window, the mouse wheel
//     scrolls the page to its end (at most MAX_SCROLLS turns of 0.8 windows), a synthetic identity
//     is typed into the page's personal-data form fields and never submitted (seed.mjs; not with
//     `identity` null), and the visit lasts at least `dwellMs` from the start of the load, the
//     pointer moving now and then meanwhile.
// All of it is trusted input sent through the DevTools protocol: no script runs in the page, and
// the page's own functions (scrollTo, getters it may have replaced) are never called.
import { typeIdentity } from './seed.mjs';

export const DEFAULT_DWELL_MS = 3000;
const MAX_SCROLLS = 20;
const SPOTS = [[0.32, 0.28], [0.61, 0.44], [0.45, 0.71], [0.74, 0.22], [0.2, 0.55]];

// Acts as a visitor on `page` (loaded; `startedAt`: Date.now() at the start of the load). Returns
// {pointerMoves, scrolls, dwellMs, typed}.
export async function actAsVisitor(page, { dwellMs = DEFAULT_DWELL_MS, startedAt = Date.now(), identity = null } = {}) {
  const { width, height } = page.viewportSize() ?? { width: 1280, height: 800 };
  let pointerMoves = 0, scrolls = 0;
  const move = async ([fx, fy]) => {
    await page.mouse.move(Math.round(width * fx), Math.round(height * fy), { steps: 4 });
    pointerMoves += 4;
  };
  for (const spot of SPOTS.slice(0, 3)) await move(spot);

  const cdp = await page.context().newCDPSession(page);
  try {
    for (let i = 0; i < MAX_SCROLLS; i++) {
      const { cssVisualViewport: view, cssContentSize: content } = await cdp.send('Page.getLayoutMetrics');
      if (view.pageY + view.clientHeight >= content.height - 2) break;
      await page.mouse.wheel(0, Math.round(view.clientHeight * 0.8));
      scrolls++;
      await page.waitForTimeout(150);  // the scroll happens asynchronously; lazy content starts loading
    }
  } finally {
    await cdp.detach().catch(() => {});
  }

  const typed = identity ? await typeIdentity(page, identity, { startedAt }) : [];

  for (let i = 3; Date.now() - startedAt < dwellMs; i++) {
    await move(SPOTS[i % SPOTS.length]);
    await page.waitForTimeout(Math.min(400, Math.max(0, dwellMs - (Date.now() - startedAt))));
  }
  return { pointerMoves, scrolls, dwellMs: Date.now() - startedAt, typed };
}
