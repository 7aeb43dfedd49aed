// `promise` (or a plain value), or `fallback` after `ms` or when it fails: page evaluations wait
// for a pending navigation to commit and for a busy page's script to yield, which may be never.
//
//   const title = await bounded(page.title(), 2000, '');
export function bounded(promise, ms, fallback) {
  let timer;
  return Promise.race([Promise.resolve(promise).catch(() => fallback), new Promise(resolve => { timer = setTimeout(() => resolve(fallback), ms); })])
    .finally(() => clearTimeout(timer));
}
