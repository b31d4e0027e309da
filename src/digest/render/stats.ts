/**
 * How many digests took the fast path, how many fell back to render(), how many shapes were
 * compiled, and how many cards were taken already filled (cardsReused) or filled (cardsFilled).
 */
export const stats = { fast: 0, fallback: 0, shapes: 0, cardsReused: 0, cardsFilled: 0 };
