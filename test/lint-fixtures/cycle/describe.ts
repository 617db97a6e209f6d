// Lint fixture (test/unit/lint.test.ts): the other half; it only needs the type back.
import type { Shape } from './shape';

export function describe(shape: Shape): string {
  return `${shape.sides} sides`;
}
