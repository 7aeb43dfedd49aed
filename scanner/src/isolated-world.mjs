// Reading a page without its scripts seeing the read. Playwright's page.evaluate / frame.evaluate
// run in the page's own JavaScript world: a page that has wrapped a getter (`document.images`,
// `HTMLImageElement.prototype.naturalWidth`, `querySelectorAll`) sees the scanner call it, with
// Playwright's evaluation script in the stack, and can change what it does next (OBSERVER.md).
// Here the function runs instead in an isolated world of each frame, made through the DevTools
// protocol: it shares the frame's DOM but none of its JavaScript objects, so the page's wrappers,
// prototypes and globals are never reached.
//
//   const results = await readFrames(page, readDocument, { storage: false }, { timeoutMs: 2000 });
//   // -> [{url, images, storage}, ...] one value per frame that answered in time
//   const [links] = await readFrames(page, collectLinks, null, { mainFrameOnly: true });
//
// `fn` must be self-contained (no closure, no import): it is sent as source. `arg` must be JSON.
// Frames that do not answer within `timeoutMs` (a busy loop) or that go away are left out. Without
// the DevTools protocol (not Chromium) the frames are read with frame.evaluate, in the page's world.
import { bounded } from './bounded.mjs';

const WORLD = 'trackscope-read';

// Frame ids of a Page.getFrameTree result, depth first.
function frameIds(tree, out = []) {
  if (!tree) return out;
  out.push(tree.frame.id);
  for (const child of tree.childFrames ?? []) frameIds(child, out);
  return out;
}

// fn(arg) in a new isolated world of each frame `session` renders; frames rendered by another
// process (out-of-process iframes listed in the tree) fail and are left out.
async function readThrough(session, expression, timeoutMs, rootOnly) {
  const { frameTree } = await session.send('Page.getFrameTree');
  const ids = rootOnly ? [frameTree.frame.id] : frameIds(frameTree);
  return Promise.all(ids.map(frameId => bounded((async () => {
    const { executionContextId } = await session.send('Page.createIsolatedWorld', { frameId, worldName: WORLD, grantUniveralAccess: false });
    const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
      expression, contextId: executionContextId, returnByValue: true, awaitPromise: true, silent: true,
    });
    return exceptionDetails ? undefined : result.value;
  })(), timeoutMs, undefined)));
}

export async function readFrames(page, fn, arg, { timeoutMs = 2000, mainFrameOnly = false } = {}) {
  const expression = `(${fn.toString()})(${JSON.stringify(arg ?? null)})`;
  const context = page.context();
  const sessions = [];
  try {
    sessions.push(await context.newCDPSession(page));
  } catch {
    // Not Chromium: read in the page's world, as well as it can be done there.
    const frames = mainFrameOnly ? [page.mainFrame()] : page.frames();
    const values = await Promise.all(frames.map(frame => bounded(frame.evaluate(fn, arg), timeoutMs, undefined)));
    return values.filter(v => v !== undefined);
  }
  // Out-of-process iframes have sessions of their own; other frames are in their parent's.
  for (const frame of mainFrameOnly ? [] : page.frames().slice(1)) {
    try { sessions.push(await context.newCDPSession(frame)); } catch { /* rendered with its parent */ }
  }
  try {
    const values = await Promise.all(sessions.map(session => bounded(readThrough(session, expression, timeoutMs, mainFrameOnly), timeoutMs + 500, [])));
    return values.flat().filter(v => v !== undefined);
  } finally {
    await Promise.all(sessions.map(session => session.detach().catch(() => {})));
  }
}
