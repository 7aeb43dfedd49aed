// A seeded pseudo-random generator (mulberry32) for the conformance tests: the same random
// inputs on every run, so a failure names a string that reproduces it.
//   const random = seededRandom(42);  random() -> [0, 1)
export function seededRandom(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
