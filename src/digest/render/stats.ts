/**
 * How many digests took the fast path, how many fell back to render(), how many shapes were
 * compiled, and how many cards were taken already filled (cardsReused) or filled (cardsFilled):
 * one renderer's counts (see createDigestRenderer).
 */
export interface RenderStats {
  fast: number;
  fallback: number;
  shapes: number;
  cardsReused: number;
  cardsFilled: number;
}

export const emptyRenderStats = (): RenderStats => ({
  fast: 0,
  fallback: 0,
  shapes: 0,
  cardsReused: 0,
  cardsFilled: 0,
});
