// Lint fixture (test/unit/lint.test.ts): half of a type-only import cycle.
import { describe } from './describe';

export interface Shape {
  readonly sides: number;
}

export const square: Shape = { sides: 4 };
export const squareText = describe(square);
