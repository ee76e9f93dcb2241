// Bitwise and/or/xor of int64 values held as JS numbers (exact integers up to
// 2^53, as the CPU backend stores int64). JS's `&` works on 32 bits, so each
// operand is split into a signed high word and an unsigned low word; two's
// complement makes the split words combine independently.

const TWO32 = 4294967296;

export type BitOp = "&" | "|" | "^";

export function bitwise(op: BitOp, a: number, b: number): number {
  const ah = Math.floor(a / TWO32);
  const bh = Math.floor(b / TWO32);
  const al = a - ah * TWO32;
  const bl = b - bh * TWO32;
  switch (op) {
    case "&":
      return (ah & bh) * TWO32 + ((al & bl) >>> 0);
    case "|":
      return (ah | bh) * TWO32 + ((al | bl) >>> 0);
    case "^":
      return (ah ^ bh) * TWO32 + ((al ^ bl) >>> 0);
  }
}
