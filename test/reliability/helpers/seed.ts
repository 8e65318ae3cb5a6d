// Reproducible randomness for the reliability runs: one seed per scenario, printed at the start
// (and taken from RELIABILITY_SEED when set), feeding a small deterministic PRNG.

/** mulberry32: a tiny, fast, well-mixed 32-bit generator; plenty for choosing kill points. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The scenario's seed: RELIABILITY_SEED or a fresh one; printed so a failure can be replayed. */
export function scenarioSeed(scenario: string): number {
  const given = process.env.RELIABILITY_SEED;
  const seed = given !== undefined && given !== '' ? Number(given) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
  console.log(`[${scenario}] seed ${seed} (replay: RELIABILITY_SEED=${seed} node scripts/run-node-tests.mjs test/reliability/...)`);
  return seed;
}

export function between(random: () => number, min: number, max: number): number {
  return Math.floor(min + random() * (max - min));
}
